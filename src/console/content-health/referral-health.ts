/**
 * The referral directory as staff check it: per country, each entry with the age of its
 * `verified_on` (older than 12 months is due for a re-check, as `flows check` warns), and the
 * kinds of contact the country has none of.
 */
import { referralKinds, type ReferralKind } from "../../flows/definition/schema.ts";
import type { ReferralDirectory } from "../../referrals/schema.ts";
import { entryName } from "../../referrals/schema.ts";

/** Same limit as the checker's `referral-stale` warning. */
export const staleAfterDays = 365;
export const essentialKinds: readonly ReferralKind[] = ["emergency", "child_helpline"];

export interface EntryHealth {
  id: string;
  kind: ReferralKind;
  name: string;
  contact: string;
  source: string;
  verifiedOn: string;
  ageDays: number;
  stale: boolean;
}

export interface CountryHealth {
  country: string;
  name: string;
  entries: EntryHealth[];
  missingKinds: ReferralKind[];
  /** Essential kinds missing: people see the international fallback instead. */
  missingEssential: ReferralKind[];
}

export function referralHealth(directory: ReferralDirectory, today: Date): CountryHealth[] {
  return [...directory.entries()]
    .sort(([a], [b]) => Number(a === "international") - Number(b === "international") || a.localeCompare(b))
    .map(([country, file]) => {
      const kinds = new Set(file.entries.map((e) => e.kind));
      const missingKinds = referralKinds.filter((k) => !kinds.has(k));
      return {
        country,
        name: file.name,
        entries: file.entries.map((e) => {
          const ageDays = Math.floor((today.getTime() - Date.parse(e.verified_on)) / 86_400_000);
          return {
            id: e.id,
            kind: e.kind,
            name: entryName(e, "en"),
            contact: [e.phone, e.whatsapp && `WhatsApp ${e.whatsapp}`, e.email, e.url]
              .filter(Boolean)
              .join(" · "),
            source: e.source,
            verifiedOn: e.verified_on,
            ageDays,
            stale: ageDays > staleAfterDays,
          };
        }),
        missingKinds,
        missingEssential:
          country === "international" ? [] : missingKinds.filter((k) => essentialKinds.includes(k)),
      };
    });
}
