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
import { continueAfter, textKey, textList } from "../../flows/definition/index.ts";
import type { FlowNode, ReferralKind } from "../../flows/definition/schema.ts";
import { serves, type ReferralEntry } from "../../referrals/schema.ts";
import type { NodeContext } from "../node-context.ts";
import type { Next } from "./next.ts";

export const internationalDirectory = "international";

export function enterReferrals(ctx: NodeContext, node: Extract<FlowNode, { type: "referrals" }>): Next {
  const { flow, referrals } = ctx;
  for (const key of textList(node.text)) ctx.say(textKey(flow, key));
  const country = ctx.vars.country ?? ctx.fallbackCountry;
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
      ctx.emit({
        type: "referral_shown",
        flow: flow.id,
        version: flow.version,
        kind,
        country,
        fallback: !found.length,
      });
    }
  }
  ctx.show({ type: "referrals", country, kinds: [...node.kinds], entries, fallback, missing });
  return continueAfter(flow, node);
}
