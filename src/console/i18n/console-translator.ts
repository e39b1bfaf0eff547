/**
 * The console's own texts: the staff namespaces (`locales/<lng>/console*.json`), which the bot
 * never loads (see isStaffNamespace). English is complete; another locale's file is used when it
 * exists, key by key, with English for the rest.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInstance, type i18n } from "i18next";
import { isStaffNamespace } from "../../i18n/load-locales.ts";
import type { ConsoleT } from "../console-env.ts";

export interface ConsoleTranslator {
  /** Locales with at least one console file, English first. */
  readonly languages: readonly string[];
  /** Texts for the best language of an Accept-Language header. */
  forRequest(acceptLanguage: string | undefined): { language: string; t: ConsoleT };
}

export const consoleBase = "en";

export function loadConsoleTranslator(localesDir: string): ConsoleTranslator {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  const dirs = existsSync(localesDir)
    ? readdirSync(localesDir).filter((d) => statSync(join(localesDir, d)).isDirectory())
    : [];
  for (const locale of dirs) {
    for (const file of readdirSync(join(localesDir, locale))) {
      const ns = file.replace(/\.json$/, "");
      if (!file.endsWith(".json") || !isStaffNamespace(ns)) continue;
      (resources[locale] ??= {})[ns] = JSON.parse(
        readFileSync(join(localesDir, locale, file), "utf8"),
      ) as Record<string, unknown>;
    }
  }
  const languages = [
    consoleBase,
    ...Object.keys(resources)
      .filter((l) => l !== consoleBase)
      .sort(),
  ];
  const instance: i18n = createInstance();
  void instance.init({
    initAsync: false,
    resources,
    lng: consoleBase,
    fallbackLng: consoleBase,
    ns: [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))],
    defaultNS: "console",
    // Hono's JSX escapes every text it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  return {
    languages,
    forRequest(acceptLanguage) {
      const language = pick(acceptLanguage, languages);
      return { language, t: (key, params) => instance.t(key, { lng: language, ...params }) as string };
    },
  };
}

/** The first language of the header we have texts for (exact, then by primary subtag). */
function pick(header: string | undefined, languages: readonly string[]): string {
  const wanted = (header ?? "")
    .split(",")
    .map((part) => part.split(";")[0]!.trim())
    .filter(Boolean);
  for (const tag of wanted) {
    const exact = languages.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const primary = languages.find((l) => l.split("-")[0] === tag.split("-")[0]!.toLowerCase());
    if (primary) return primary;
  }
  return consoleBase;
}
