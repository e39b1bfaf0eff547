/**
 * Checks the referral directory as a whole: contacts not re-checked for a year, countries without
 * an emergency number or a child helpline (people would be sent to the international fallback),
 * and country languages that Guardline does not speak.
 */
import { serves } from "../../referrals/schema.ts";
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";

const staleAfterDays = 365;
const essentialKinds = ["emergency", "child_helpline"] as const;

export function checkReferrals(loaded: Loaded, today: Date): Problem[] {
  const problems: Problem[] = [];
  const locales = Object.keys(loaded.locales.manifest?.locales ?? {});
  for (const [country, file] of loaded.referrals.directory) {
    const source = loaded.referrals.sources.get(country)!;
    file.entries.forEach((entry, i) => {
      const age = (today.getTime() - Date.parse(entry.verified_on)) / 86_400_000;
      if (age > staleAfterDays)
        problems.push({
          file: source.file,
          ...source.positionOf(["entries", i, "verified_on"]),
          rule: "referral-stale",
          severity: "warning",
          message: `\`${entry.id}\` was last verified on ${entry.verified_on}, more than 12 months ago: check it on ${entry.source}`,
        });
      if (age < -1)
        problems.push({
          file: source.file,
          ...source.positionOf(["entries", i, "verified_on"]),
          rule: "referral-future-date",
          severity: "error",
          message: `\`${entry.id}\` has a verification date in the future (${entry.verified_on})`,
        });
    });
    if (country !== "international") {
      for (const kind of essentialKinds) {
        if (!file.entries.some((e) => serves(e, kind)))
          problems.push({
            file: source.file,
            ...source.positionOf(["entries"]),
            rule: "referral-missing-essential",
            severity: "warning",
            message: `${file.name} has no ${kind.replace("_", " ")}; people will see the international fallback instead`,
          });
      }
    }
    file.languages.forEach((language, i) => {
      if (locales.length && !locales.includes(language))
        problems.push({
          file: source.file,
          ...source.positionOf(["languages", i]),
          rule: "referral-unknown-language",
          severity: "warning",
          message: `language \`${language}\` is not a locale Guardline has`,
        });
    });
  }
  return problems;
}
