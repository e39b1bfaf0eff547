/**
 * The referral directory format (flows/referrals/<country>.yaml). Every entry must say where its
 * number came from and when that was checked: Guardline never shows a contact without a source.
 */
import { z } from "zod";
import { referralKinds } from "./kinds.ts";

/** Short codes (112, 1098), national numbers (0800-0432) and international ones (+55 61 3212-8400). */
export const phonePattern = /^\+?[0-9][0-9 ()-]{1,22}[0-9]$/;

/** What a valid number looks like, so the writer can fix it without reading the pattern. */
function phoneHelp(what: string, examples: string): string {
  return `${what}: write digits only, with spaces, dashes or brackets if you like and + in front for the country code, in quotes, for example ${examples}`;
}

const httpsUrl = z.url({
  protocol: /^https?$/,
  error: "must be a full web address starting with https:// or http://",
});

export const referralEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]{1,32}$/, "must be lowercase letters, digits or _"),
    kind: z.enum(referralKinds),
    /**
     * Other kinds this service also serves, as its source says: a child helpline that takes reports
     * of abuse is `also: [abuse_report]`. It is then shown (once) where those kinds are asked for.
     */
    also: z.array(z.enum(referralKinds)).optional(),
    /**
     * The service's name, shown as written. Either one name (an organisation's own name is not
     * translated), or names per locale (`{ en: Police 110, es: Policía 110 }`) for descriptive
     * names; a locale without its own falls back to `en`, then to the first one written.
     */
    name: z.union([
      z.string().min(1).max(80),
      z.record(
        z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "must be a locale code such as en or pt-BR"),
        z.string().min(1).max(80),
      ),
    ]),
    phone: z
      .string()
      .regex(
        phonePattern,
        phoneHelp("is not a phone number or short code", '"112", "0800-0432" or "+55 61 3212-8400"'),
      )
      .optional(),
    whatsapp: z
      .string()
      .regex(phonePattern, phoneHelp("is not a WhatsApp number", '"+55 61 3212-8400"'))
      .optional(),
    email: z.email().optional(),
    url: httpsUrl.optional(),
    /** As the organisation states them, for example `24/7`. */
    hours: z.string().max(40).optional(),
    free: z.boolean().optional(),
    anonymous: z.boolean().optional(),
    /** Languages the service answers in (locale codes or language names). */
    languages: z.array(z.string()).optional(),
    /** Where the contact was confirmed: the official or organisation page. Required. */
    source: httpsUrl,
    /** When a person last checked `source` (YYYY-MM-DD). */
    verified_on: z.iso.date({ error: "must be a date written YYYY-MM-DD" }),
    /** V: on the organisation's own page. V2: only in news or secondary pages. */
    evidence: z.enum(["V", "V2"]).default("V"),
    /** A short text key (in locales/<lng>/referrals.json) explaining who this is for. */
    note: z
      .string()
      .regex(/^[a-z0-9_]+$/)
      .optional(),
  })
  .refine((e) => e.phone || e.url || e.whatsapp || e.email, {
    message: "needs at least a phone number, WhatsApp number, email or web address",
  });

export const referralFileSchema = z.strictObject({
  /** ISO 3166-1 alpha-2 code, or `international` for the fallbacks shown everywhere. */
  country: z
    .string()
    .regex(/^([A-Z]{2}|international)$/, "must be a two-letter country code such as NL, or international"),
  /** English name, for staff; people see the translated name from locales/<lng>/countries.json. */
  name: z.string().min(1),
  /** Locales offered first when a person picks this country. */
  languages: z.array(z.string()).default([]),
  entries: z.array(referralEntrySchema),
});

export type ReferralEntry = z.infer<typeof referralEntrySchema>;

/** Whether the entry serves a kind: its own, or one it `also` serves. */
export function serves(entry: Pick<ReferralEntry, "kind" | "also">, kind: string): boolean {
  return entry.kind === kind || (entry.also?.includes(kind as ReferralEntry["kind"]) ?? false);
}

/** The entry's name in a language: its own, else English, else the first written. */
export function entryName(entry: Pick<ReferralEntry, "name">, language: string): string {
  if (typeof entry.name === "string") return entry.name;
  return (
    entry.name[language] ??
    entry.name[language.split("-")[0]!] ??
    entry.name.en ??
    Object.values(entry.name)[0]!
  );
}
export type ReferralFile = z.infer<typeof referralFileSchema>;

/** The whole directory, by country code. */
export type ReferralDirectory = ReadonlyMap<string, ReferralFile>;
