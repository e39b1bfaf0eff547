/**
 * A pseudo-locale made from English for staff testing: every text accented, about 35 % longer
 * and in brackets (`[Ŵéļçöɱé ţö Ĝüåŕðļîñé ····]`). A text that shows without brackets in the
 * staff chat is hard-coded rather than translated; one whose end is cut off does not fit its
 * button or message. It is never in locales/manifest.yaml, so it is never offered to parents.
 */
import type { LoadedLocales, Resources } from "../i18n/load-locales.ts";

export const pseudoLocale = "en-XA";

const accents: Record<string, string> = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c, i) => [
    c,
    [..."åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][i]!,
  ]),
);
const placeholder = /(\{\{[^}]*\}\})/;

/** One English text as pseudo text; `{{placeholders}}` stay as they are so they still fill in. */
export function pseudoText(text: string): string {
  const accented = text
    .split(placeholder)
    .map((part) => (placeholder.test(part) ? part : [...part].map((c) => accents[c] ?? c).join("")))
    .join("");
  const padding = "·".repeat(Math.max(1, Math.round([...text].length * 0.35)));
  return `[${accented} ${padding}]`;
}

function pseudoTexts(value: unknown, namespace: string): unknown {
  // Keyword lists stay English: people type them, and accents are ignored when matching anyway.
  if (namespace === "keywords") return value;
  if (typeof value === "string") return pseudoText(value);
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudoTexts(v, namespace)]));
  return value;
}

/** The locales with the pseudo-locale added, for the staff chat's and simulator's translator only. */
export function withPseudoLocale(locales: LoadedLocales): LoadedLocales {
  const base = locales.manifest?.base;
  if (!locales.manifest || !base || !locales.resources[base]) return locales;
  const pseudo: Resources[string] = {};
  for (const [namespace, texts] of Object.entries(locales.resources[base]))
    pseudo[namespace] = pseudoTexts(texts, namespace) as Record<string, unknown>;
  return {
    ...locales,
    resources: { ...locales.resources, [pseudoLocale]: pseudo },
    manifest: {
      ...locales.manifest,
      locales: {
        ...locales.manifest.locales,
        [pseudoLocale]: { name: "Pseudo (en-XA)", review: "needs-native-review" },
      },
    },
  };
}
