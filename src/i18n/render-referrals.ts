/**
 * One referral block as plain text, short enough for a phone screen: the kind, the name, how to
 * reach them. Names and numbers are shown exactly as the directory has them.
 */
import type { Output, ReferralEntry } from "../engine/index.ts";
import { entryName, serves } from "../referrals/schema.ts";

type ReferralsOutput = Extract<Output, { type: "referrals" }>;
type T = (key: string, params?: Record<string, string | number>) => string;

/** Services that work across borders by nature; not having a national one is not a gap worth a sentence. */
const internationalByNature = new Set(["image_removal", "travel_report"]);

export function renderReferrals(output: ReferralsOutput, t: T, language: string): string {
  const country = t(`countries:${output.country}`);
  const kindName = (kind: string) => t(`common:kinds.${kind}`).toLowerCase();
  const lines = output.entries.length ? [t("common:referrals.title", { country })] : [];
  const shown = new Set<ReferralEntry>();
  // In the order the flow asked for them (emergency first), each kind from the country's own
  // entries (an entry that also serves a kind only once, where it first fits), else the
  // international ones with a sentence saying so, else an honest "none".
  for (const kind of output.kinds) {
    const serving = output.entries.filter((e) => serves(e, kind));
    const own = serving.filter((e) => !shown.has(e));
    own.forEach((e) => shown.add(e));
    const fallback = output.fallback.filter((e) => e.kind === kind);
    const abroad = output.country === "international";
    if (serving.length) lines.push(...own.map((e) => formatEntry(e, t, language, abroad)));
    else if (fallback.length) {
      if (!internationalByNature.has(kind))
        lines.push(
          t(fallback.length > 1 ? "common:referrals.missing_several" : "common:referrals.missing", {
            kind: kindName(kind),
            country,
          }),
        );
      lines.push(...fallback.map((e) => formatEntry(e, t, language, true)));
    } else
      lines.push(
        t("common:referrals.missing_none", { kind: kindName(kind), country }),
        ...(kind === "emergency" ? [t("common:referrals.no_emergency")] : []),
      );
  }
  return lines.join("\n\n");
}

/**
 * One entry. An international service shown in another country puts its web address first: its
 * phone number (a US toll-free line, say) often cannot be dialled from abroad.
 */
function formatEntry(entry: ReferralEntry, t: T, language: string, abroad: boolean): string {
  const head = `${t(`common:kinds.${entry.kind}`)}: ${entryName(entry, language)}`;
  const web = entry.url && `🔗 ${entry.url}`;
  const reach = [
    abroad && web,
    entry.phone && `📞 ${t("common:referrals.phone", { phone: entry.phone })}`,
    entry.whatsapp && `💬 ${t("common:referrals.whatsapp", { whatsapp: entry.whatsapp })}`,
    entry.email && `✉️ ${t("common:referrals.email", { email: entry.email })}`,
    !abroad && web,
  ].filter(Boolean);
  const facts = [
    entry.hours && t("common:referrals.hours", { hours: entry.hours }),
    entry.free && t("common:referrals.free"),
    entry.anonymous && t("common:referrals.anonymous"),
  ].filter(Boolean);
  const note = entry.note ? [t(`referrals:${entry.note}`)] : [];
  return [head, ...reach, ...(facts.length ? [facts.join(", ")] : []), ...note].join("\n");
}
