/**
 * Texts in the person's language: an i18next instance per loaded content version (never the
 * global default instance), plus the keyword lists the engine matches against.
 */
import { createInstance, type i18n } from "i18next";
import { keywordTable, type KeywordLists, type KeywordTable } from "../engine/index.ts";
import type { LoadedLocales } from "./load-locales.ts";

export interface Translator {
  readonly base: string;
  /** Locales with a folder and a manifest entry, base first. */
  readonly languages: readonly string[];
  t(language: string, key: string, params?: Record<string, string | number>): string;
  /** Whether the key has a text in exactly this language (no fallback). */
  has(language: string, key: string): boolean;
  /** Keywords of the language, then the base language's, so "help" works everywhere. */
  keywords(language: string): KeywordTable;
  /** Display name of a locale in its own language (from the manifest). */
  languageName(language: string): string;
}

export function createTranslator(locales: LoadedLocales): Translator {
  const manifest = locales.manifest;
  if (!manifest) throw new Error("locales/manifest.yaml is missing or invalid");
  const base = manifest.base;
  const languages = [base, ...Object.keys(locales.resources).filter((l) => l !== base)];
  const instance: i18n = createInstance();
  void instance.init({
    initAsync: false,
    resources: locales.resources,
    lng: base,
    fallbackLng: manifest.fallback,
    supportedLngs: languages,
    ns: [...new Set(Object.values(locales.resources).flatMap((r) => Object.keys(r)))],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  const keywordCache = new Map<string, KeywordTable>();
  // keywords.json holds the commands (and yes/no); safeguarding.json the disclosure entries by category.
  const lists = (language: string): KeywordLists => ({
    ...((locales.resources[language]?.keywords ?? {}) as KeywordLists),
    categories: (locales.resources[language]?.safeguarding ?? {}) as KeywordLists["categories"],
  });
  return {
    base,
    languages,
    t: (language, key, params) => instance.t(key, { lng: language, ...params }) as string,
    has: (language, key) => instance.exists(key, { lng: language, fallbackLng: false }),
    keywords(language) {
      let table = keywordCache.get(language);
      if (!table) {
        table = keywordTable(lists(language), lists(base));
        keywordCache.set(language, table);
      }
      return table;
    },
    languageName: (language) => manifest.locales[language]?.name ?? language,
  };
}
