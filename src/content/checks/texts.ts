/**
 * Checks texts: every key a flow or the engine uses exists in the base locale (an error: people
 * would see a raw key), and reports how much of the base locale each other locale translates
 * (warnings: the fallback language fills the gaps).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { referralKinds } from "../../flows/definition/schema.ts";
import { flattenTexts, type LoadedLocales } from "../../i18n/load-locales.ts";
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";
import { engineTextKeys, textReferences } from "./text-references.ts";

export interface LocaleReport {
  locale: string;
  name: string;
  review: string;
  translated: number;
  total: number;
  /** 0-100, rounded down so 99.6 % never shows as 100 %. */
  coverage: number;
}

export function checkTexts(loaded: Loaded): { problems: Problem[]; locales: LocaleReport[] } {
  const { locales } = loaded;
  const manifest = locales.manifest;
  if (!manifest || !locales.resources[manifest.base]) return { problems: [], locales: [] };
  const base = manifest.base;
  const baseKeys = allKeys(locales, base);
  const problems: Problem[] = [];
  // A base file that did not parse is reported once, where it broke; its keys are not "missing".
  const unreadable = (key: string) => {
    const ns = key.split(":")[0]!;
    return !locales.resources[base]?.[ns] && existsSync(join(locales.dir, base, `${ns}.json`));
  };
  for (const ref of textReferences(loaded.flows)) {
    if (!baseKeys.has(ref.key) && !unreadable(ref.key)) {
      problems.push({
        file: ref.source.file,
        ...ref.source.positionOf(ref.path),
        rule: "missing-base-text",
        severity: "error",
        message: `text \`${ref.key}\` is missing in the base locale (${base}): add it to locales/${base}/${ref.key.split(":")[0]}.json`,
        flow: ref.flow,
        node: ref.node,
        locale: base,
      });
    }
  }
  const required = [
    ...engineTextKeys,
    ...referralKinds.map((k) => `common:kinds.${k}`),
    ...[...loaded.referrals.directory.keys()].map((c) => `countries:${c}`),
    ...[...loaded.referrals.directory.values()].flatMap((f) =>
      f.entries.flatMap((e) => (e.note ? [`referrals:${e.note}`] : [])),
    ),
  ];
  for (const key of new Set(required)) {
    if (!baseKeys.has(key) && !unreadable(key))
      problems.push({
        file: join(locales.dir, base, `${key.split(":")[0]}.json`),
        line: 1,
        col: 1,
        rule: "missing-required-text",
        severity: "error",
        message: `text \`${key}\` is needed but missing in the base locale (${base})`,
        locale: base,
      });
  }
  const reports: LocaleReport[] = [];
  for (const [locale, info] of Object.entries(manifest.locales)) {
    if (!locales.resources[locale]) continue;
    const keys = allKeys(locales, locale);
    const missing = [...baseKeys.keys()].filter((k) => !keys.has(k));
    reports.push({
      locale,
      name: info.name,
      review: info.review,
      translated: baseKeys.size - missing.length,
      total: baseKeys.size,
      coverage: baseKeys.size ? Math.floor(((baseKeys.size - missing.length) * 100) / baseKeys.size) : 100,
    });
    if (locale === base) continue;
    const byNamespace = new Map<string, string[]>();
    for (const key of missing)
      byNamespace.set(key.split(":")[0]!, [...(byNamespace.get(key.split(":")[0]!) ?? []), key]);
    for (const [ns, keys] of byNamespace) {
      const shown = keys
        .slice(0, 5)
        .map((k) => k.split(":")[1])
        .join(", ");
      problems.push({
        file: join(locales.dir, locale, `${ns}.json`),
        line: 1,
        col: 1,
        rule: "missing-translation",
        severity: "warning",
        message: `${keys.length} text(s) not translated into ${locale} yet (${base} is shown instead): ${shown}${keys.length > 5 ? ", ..." : ""}`,
        locale,
      });
    }
  }
  return { problems, locales: reports };
}

function allKeys(locales: LoadedLocales, locale: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [ns, texts] of Object.entries(locales.resources[locale] ?? {})) {
    for (const [key, value] of flattenTexts(texts)) {
      const present =
        typeof value === "string"
          ? value.trim() !== ""
          : Array.isArray(value)
            ? value.length > 0
            : value !== undefined;
      if (present) out.set(`${ns}:${key}`, value);
    }
  }
  return out;
}
