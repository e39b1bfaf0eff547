/**
 * `referrals`: shows contacts of the given kinds for the person's country, with the international
 * entries for any kind the country lacks, and says which kinds nobody has.
 *
 * ```yaml
 * - id: contacts
 *   type: referrals
 *   text: contacts.intro
 *   kinds: [emergency, child_helpline, online_report]
 *   next: after_contacts
 * ```
 */
import type { FlowNode, ReferralKind } from "../../flows/schema.ts";
import { serves, type ReferralEntry } from "../../referrals/schema.ts";
import type { Run } from "../run.ts";
import type { Flow } from "../types.ts";
import { continueAfter, textKey, textList, type Next } from "./next.ts";

export const internationalDirectory = "international";

export function enterReferrals(run: Run, flow: Flow, node: Extract<FlowNode, { type: "referrals" }>): Next {
  for (const key of textList(node.text)) run.say(textKey(flow, key));
  const { referrals, settings } = run.ctx.bundle;
  const country = run.state.vars.country ?? settings.fallback_country;
  const own = referrals.get(country)?.entries ?? [];
  const international =
    country === internationalDirectory ? [] : (referrals.get(internationalDirectory)?.entries ?? []);
  const entries: ReferralEntry[] = [];
  const fallback: ReferralEntry[] = [];
  const missing: ReferralKind[] = [];
  for (const kind of node.kinds) {
    // An entry that also serves this kind counts (a helpline that takes reports), shown once.
    const found = own.filter((e) => serves(e, kind));
    const substitutes = found.length ? [] : international.filter((e) => e.kind === kind);
    entries.push(...found.filter((e) => !entries.includes(e)));
    fallback.push(...substitutes);
    if (!found.length && !substitutes.length) missing.push(kind);
    if (found.length || substitutes.length) {
      run.emit({
        type: "referral_shown",
        flow: flow.id,
        version: flow.version,
        kind,
        country,
        fallback: !found.length,
      });
    }
  }
  run.outputs.push({ type: "referrals", country, kinds: [...node.kinds], entries, fallback, missing });
  return continueAfter(flow, node);
}
