/**
 * Every English text with the same text in one locale, its review state and its context: the
 * one list that exports, imports and the review figures all read, so they cannot disagree.
 */
import { flattenTexts, type LoadedLocales } from "../i18n/load-locales.ts";
import type { LoadedFlows } from "../flows/load-flows.ts";
import { englishHash, textState, type ReviewState, type TextState } from "./review-state.ts";
import { isSafetyCritical } from "./safety-critical.ts";
import { placeholdersOf, textContexts, type TextContext } from "./text-context.ts";

export interface CatalogEntry {
  /** `namespace:dotted.path`, as flows write it. */
  key: string;
  namespace: string;
  path: string;
  /** Keyword lists are edited as one text, the words separated by commas. */
  isList: boolean;
  english: string;
  englishValue: unknown;
  englishHash: string;
  /** Undefined when the locale has no text for the key yet. */
  translation: string | undefined;
  state: TextState;
  reviewedBy?: string;
  reviewedOn?: string;
  context: TextContext;
  placeholders: string[];
  safetyCritical: boolean;
}

export interface CatalogInput {
  flows: LoadedFlows;
  locales: LoadedLocales;
}

/** Keyword lists as one line of text: `help, sos, helpline`. */
export const listToText = (value: readonly unknown[]): string => value.map(String).join(", ");
export const textToList = (text: string): string[] =>
  text
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);

const asText = (value: unknown): string | undefined => {
  if (typeof value === "string") return value.trim() ? value : undefined;
  if (Array.isArray(value)) return value.length ? listToText(value) : undefined;
  return undefined;
};

export function buildCatalog(input: CatalogInput, locale: string, review: ReviewState): CatalogEntry[] {
  const { manifest, resources } = input.locales;
  if (!manifest) return [];
  const base = resources[manifest.base] ?? {};
  const english: [string, string, string, unknown][] = [];
  for (const [namespace, texts] of Object.entries(base)) {
    for (const [path, value] of flattenTexts(texts)) {
      if (asText(value) !== undefined) english.push([`${namespace}:${path}`, namespace, path, value]);
    }
  }
  const contexts = textContexts(
    input.flows,
    english.map(([key]) => key),
  );
  return english.map(([key, namespace, path, value]) => {
    const translated = asText(flattenTexts(resources[locale]?.[namespace] ?? {}).get(path));
    const entry = review.get(key);
    const text = asText(value)!;
    return {
      key,
      namespace,
      path,
      isList: Array.isArray(value),
      english: text,
      englishValue: value,
      englishHash: englishHash(value),
      translation: translated,
      state: textState(translated !== undefined, entry, value),
      ...(entry?.by ? { reviewedBy: entry.by } : {}),
      ...(entry?.on ? { reviewedOn: entry.on } : {}),
      context: contexts.get(key)!,
      placeholders: placeholdersOf(text),
      safetyCritical: isSafetyCritical(key),
    };
  });
}
