/**
 * One referral block as plain text, short enough for a phone screen: the kind, the name, how to
 * reach them. Names and numbers are shown exactly as the directory has them.
 */
import type { Output, ReferralEntry } from "../engine/index.ts";

type ReferralsOutput = Extract<Output, { type: "referrals" }>;
type T = (key: string, params?: Record<string, string | number>) => string;

export function renderReferrals(output: ReferralsOutput, t: T): string {
  const country = t(`countries:${output.country}`);
  const lines: string[] = [];
  if (output.entries.length) lines.push(t("common:referrals.title", { country }));
  else lines.push(t("common:referrals.none", { country }));
  for (const entry of output.entries) lines.push(formatEntry(entry, t));
  if (output.fallback.length) {
    const missingKinds = [...new Set(output.fallback.map((e) => e.kind))];
    if (output.entries.length) {
      for (const kind of missingKinds) lines.push(t("common:referrals.missing", { kind: t(`common:kinds.${kind}`).toLowerCase(), country }));
    }
    for (const entry of output.fallback) lines.push(formatEntry(entry, t));
  }
  for (const kind of output.missing) lines.push(t("common:referrals.missing_none", { kind: t(`common:kinds.${kind}`).toLowerCase(), country }));
  return lines.join("\n\n");
}

function formatEntry(entry: ReferralEntry, t: T): string {
  const head = `${t(`common:kinds.${entry.kind}`)}: ${entry.name}`;
  const reach = [
    entry.phone && `📞 ${t("common:referrals.phone", { phone: entry.phone })}`,
    entry.whatsapp && `💬 ${t("common:referrals.whatsapp", { whatsapp: entry.whatsapp })}`,
    entry.email && `✉️ ${t("common:referrals.email", { email: entry.email })}`,
    entry.url && `🔗 ${entry.url}`,
  ].filter(Boolean);
  const facts = [
    entry.hours && t("common:referrals.hours", { hours: entry.hours }),
    entry.free && t("common:referrals.free"),
    entry.anonymous && t("common:referrals.anonymous"),
  ].filter(Boolean);
  const note = entry.note ? [t(`referrals:${entry.note}`)] : [];
  return [head, ...reach, ...(facts.length ? [facts.join(", ")] : []), ...note].join("\n");
}
