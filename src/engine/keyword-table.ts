/** Builds the keyword lookup the engine matches against, from per-locale keyword lists. */
import { normalise } from "./normalise.ts";
import { globalKeywords, type GlobalKeyword, type KeywordTable } from "./types.ts";

export type KeywordLists = Partial<Record<GlobalKeyword | "safeguarding", readonly string[]>>;

/** Earlier lists win on a clash, so pass the person's language first and the base language after. */
export function keywordTable(...lists: KeywordLists[]): KeywordTable {
  const commands = new Map<string, GlobalKeyword>();
  const safeguarding = new Set<string>();
  for (const list of lists) {
    for (const keyword of globalKeywords) {
      for (const word of list[keyword] ?? []) {
        const key = normalise(word);
        if (key && !commands.has(key)) commands.set(key, keyword);
      }
    }
    for (const word of list.safeguarding ?? []) if (normalise(word)) safeguarding.add(normalise(word));
  }
  const help = [...commands].filter(([, keyword]) => keyword === "help").map(([word]) => word);
  return { commands, safeguarding: [...safeguarding], help };
}
