/** Builds the keyword lookup the engine matches against, from per-locale keyword lists. */
import { compileDangerWords } from "./danger-words.ts";
import { normalise } from "./normalise.ts";
import { globalKeywords, type GlobalKeyword, type KeywordTable } from "./types.ts";

export type KeywordLists = Partial<
  Record<GlobalKeyword | "safeguarding" | "yes" | "no", readonly string[]>
> & {
  /** Safeguarding entries by category (locales/<lng>/safeguarding.json); see danger-words.ts. */
  categories?: Readonly<Record<string, readonly string[]>>;
};

/** Earlier lists win on a clash, so pass the person's language first and the base language after. */
export function keywordTable(...lists: KeywordLists[]): KeywordTable {
  const commands = new Map<string, GlobalKeyword>();
  const danger: Record<string, string[]> = {};
  let own: Record<string, string[]> | undefined;
  const yes = new Set<string>();
  const no = new Set<string>();
  for (const list of lists) {
    for (const keyword of globalKeywords) {
      for (const word of list[keyword] ?? []) {
        const key = normalise(word);
        if (key && !commands.has(key)) commands.set(key, keyword);
      }
    }
    // The older flat list in keywords.json is the category "danger".
    for (const [category, words] of Object.entries({ danger: list.safeguarding ?? [], ...list.categories }))
      (danger[category] ??= []).push(...(Array.isArray(words) ? words.map(String) : []));
    own ??= structuredClone(danger);
    for (const word of list.yes ?? []) if (normalise(word)) yes.add(normalise(word));
    for (const word of list.no ?? []) if (normalise(word)) no.add(normalise(word));
  }
  const help = [...commands].filter(([, keyword]) => keyword === "help").map(([word]) => word);
  return {
    commands,
    safeguarding: compileDangerWords(danger),
    ownSafeguarding: compileDangerWords(own ?? {}),
    help,
    yes,
    no,
  };
}
