/**
 * Checks that every translation uses the same {{placeholders}} as the base text: a misspelt
 * `{{lnik}}` would show literally to a parent instead of the link.
 */
import { join } from "node:path";
import { flattenTexts } from "../../i18n/load-locales.ts";
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";

const placeholder = /\{\{\s*([\w.]+)\s*\}\}/g;
const names = (text: string) => new Set([...text.matchAll(placeholder)].map((m) => m[1]!));

export function checkPlaceholders(loaded: Loaded): Problem[] {
  const { manifest, resources, sources } = loaded.locales;
  if (!manifest) return [];
  const problems: Problem[] = [];
  const base = resources[manifest.base] ?? {};
  for (const [locale, namespaces] of Object.entries(resources)) {
    if (locale === manifest.base) continue;
    for (const [ns, texts] of Object.entries(namespaces)) {
      const baseTexts = flattenTexts(base[ns] ?? {});
      for (const [key, value] of flattenTexts(texts)) {
        const original = baseTexts.get(key);
        if (typeof value !== "string" || typeof original !== "string") continue;
        const want = names(original);
        const have = names(value);
        const missing = [...want].filter((n) => !have.has(n));
        const unknown = [...have].filter((n) => !want.has(n));
        if (!missing.length && !unknown.length) continue;
        const source = sources.get(`${locale}/${ns}`);
        const at = source ? source.keyPositionOf(key.split(".")) : { line: 1, col: 1 };
        const parts = [
          ...(unknown.length
            ? [
                `uses ${unknown.map((n) => `{{${n}}}`).join(", ")}, which the ${manifest.base} text does not have`,
              ]
            : []),
          ...(missing.length ? [`leaves out ${missing.map((n) => `{{${n}}}`).join(", ")}`] : []),
        ];
        problems.push({
          file: source?.file ?? join(loaded.locales.dir, locale, `${ns}.json`),
          ...at,
          rule: "placeholder-mismatch",
          severity: "error",
          message: `text \`${ns}:${key}\` in ${locale} ${parts.join(" and ")}`,
          locale,
        });
      }
    }
  }
  return problems;
}
