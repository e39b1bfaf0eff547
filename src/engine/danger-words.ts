/**
 * Safeguarding lists compiled into a matcher that finds a disclosure written as a sentence
 * ("my uncle touched my daughter", "a man asks her for nudes"), not only a lone keyword.
 *
 * An entry in a list (locales/<lng>/safeguarding.json, grouped by category) is one of:
 * - `word`: the word on its own ("abused" is not found in "disabused");
 * - `stem*`: any word starting with it (`molest*`: molested, molesting, molester);
 * - `several words`: these words in this order, with at most two other words between them
 *   (`send nudes` also finds "send me your nudes");
 * - `part + part`: every part somewhere in the message, in any order (`nude* + send`).
 *
 * Matching is tolerant the same way for every list: case, Latin accents and punctuation are
 * ignored (normalise), repeated letters count once ("pleeease", "mollested"), a word or stem of seven
 * letters or more may have one typo (a letter wrong, missing, extra or two letters swapped; in a stem,
 * after its first two letters), and
 * words run together ("mydaughterwasraped") are found inside long words. Words in scripts that do
 * not separate words with spaces (Thai, Lao), and the other non-Latin scripts, are found anywhere
 * in the text.
 *
 * Cost is bounded and linear: the text is cut by normalise, each distinct word of the message is
 * looked up in hash maps (a few dozen lookups), and only a bounded number of long words is searched
 * for run-together entries. Compiled once per content version (the translator caches it).
 */
import { normalise } from "./normalise.ts";

export interface DangerMatcher {
  /** The category of the first entry the text matches, or undefined. */
  find(text: string): string | undefined;
  /** The first entry the text matches, as written in its list (for the checker). */
  match(text: string): DangerEntryRef | undefined;
  /** Number of compiled entries (for tests and the checker's report). */
  readonly size: number;
}

interface Word {
  id: number;
  text: string;
  stem: boolean;
}

/** A phrase: Latin words matched by token, other scripts as substrings in order. */
interface Part {
  words: Word[];
  latin: boolean;
  /** The phrase without spaces, searched inside long run-together words. */
  joined: string;
}

/** Where an entry is written: its category and position in that list, and the entry itself. */
export interface DangerEntryRef {
  category: string;
  index: number;
  raw: string;
}

export interface Entry extends DangerEntryRef {
  parts: Part[];
}

/** Words (and stems) this long may carry one typo. */
export const typoLength = 7;
/** Message words at least this long are searched for run-together entries. */
const runTogetherLength = 11;
/** How many long words of one message are searched that way; the rest are only looked up. */
const runTogetherBudget = 40;
/** Words longer than this are looked up exactly only (nobody's typo is that long). */
const fuzzyMaxLength = 30;
/** How many other words may stand between the words of a phrase. */
const phraseGap = 2;

const latinWord = /^[a-z0-9]+$/;

/** Normalised, with every run of one repeated letter counted once. Digits are kept as typed. */
export function fold(text: string): string {
  return normalise(text).replace(/(\p{L}|\p{M})\1+/gu, "$1");
}

/** Parses one list entry; undefined for an entry with nothing left after folding. */
export function parseEntry(
  raw: string,
  category: string,
  index: number,
  nextId: () => number,
): Entry | undefined {
  const parts: Part[] = [];
  for (const piece of raw.split("+")) {
    // "can't" folds to two words, "can t": the star of a stem belongs to the last of them.
    const words = piece
      .trim()
      .split(/\s+/)
      .flatMap((token) => {
        const texts = fold(token).split(" ").filter(Boolean);
        return texts.map((text, i) => ({ text, stem: token.endsWith("*") && i === texts.length - 1 }));
      })
      .map((w) => ({ ...w, id: nextId() }));
    if (!words.length) continue;
    const latin = words.every((w) => latinWord.test(w.text));
    parts.push({ words, latin, joined: words.map((w) => w.text).join("") });
  }
  return parts.length ? { category, index, raw, parts } : undefined;
}

/** Compiles lists of entries by category. */
export function compileDangerWords(lists: Readonly<Record<string, readonly string[]>>): DangerMatcher {
  let counter = 0;
  const entries: Entry[] = [];
  for (const [category, list] of Object.entries(lists))
    list.forEach((raw, index) => {
      const entry = parseEntry(String(raw), category, index, () => counter++);
      if (entry) entries.push(entry);
    });
  const index = new WordIndex(entries.flatMap((e) => e.parts.filter((p) => p.latin).flatMap((p) => p.words)));
  const match = (text: string): Entry | undefined => {
    const said = fold(text);
    if (!said) return undefined;
    const tokens = said.split(" ");
    const positions = index.positions(tokens);
    const long = tokens.filter((t) => t.length >= runTogetherLength).slice(0, runTogetherBudget);
    const found = (part: Part) =>
      part.latin
        ? phraseAt(part.words, positions) ||
          (part.joined.length >= 5 && long.some((t) => t.includes(part.joined)))
        : inOrder(said, part.words);
    return entries.find((entry) => entry.parts.every(found));
  };
  return {
    size: entries.length,
    find: (text) => match(text)?.category,
    match(text) {
      const entry = match(text);
      return entry && { category: entry.category, index: entry.index, raw: entry.raw };
    },
  };
}

/** Whether the words occur in order, each within `phraseGap` words of the one before. */
function phraseAt(words: readonly Word[], positions: ReadonlyMap<number, Set<number>>): boolean {
  const next = (i: number, after: number): boolean => {
    if (i === words.length) return true;
    const at = positions.get(words[i]!.id);
    if (!at) return false;
    for (let p = after + 1; p <= after + phraseGap + 1; p++) if (at.has(p) && next(i + 1, p)) return true;
    return false;
  };
  const first = positions.get(words[0]!.id);
  return Boolean(first && [...first].some((p) => next(1, p)));
}

function inOrder(text: string, words: readonly Word[]): boolean {
  let at = 0;
  for (const word of words) {
    const found = text.indexOf(word.text, at);
    if (found < 0) return false;
    at = found + word.text.length;
  }
  return true;
}

/**
 * Hash maps from a message word to the entry words it stands for: exact words, stems by each
 * stem length, and one-typo variants through "symmetric deletes" (two words are one edit apart
 * only if deleting at most one letter from each gives the same string; candidates are then
 * confirmed with a direct check).
 */
class WordIndex {
  private readonly exact = new Map<string, Word[]>();
  private readonly fuzzy = new Map<string, Word[]>();
  private readonly stems = new Map<string, Word[]>();
  private readonly fuzzyStems = new Map<string, Word[]>();
  private readonly stemLengths: number[];
  /** Length and first two letters of every stem that may carry a typo: a cheap test before the variants. */
  private readonly fuzzyStemStarts = new Set<string>();

  constructor(words: readonly Word[]) {
    const lengths = new Set<number>();
    for (const word of words) {
      if (word.stem) {
        lengths.add(word.text.length);
        push(this.stems, word.text, word);
      } else push(this.exact, word.text, word);
      if (word.text.length >= typoLength) {
        for (const variant of deletes(word.text))
          push(word.stem ? this.fuzzyStems : this.fuzzy, variant, word);
        if (word.stem) this.fuzzyStemStarts.add(`${word.text.length}:${word.text.slice(0, 2)}`);
      }
    }
    this.stemLengths = [...lengths].sort((a, b) => a - b);
  }

  /** For each entry word id, the positions of the message words that match it. */
  positions(tokens: readonly string[]): Map<number, Set<number>> {
    const cache = new Map<string, Word[]>();
    const out = new Map<number, Set<number>>();
    tokens.forEach((token, position) => {
      let words = cache.get(token);
      if (!words) {
        words = this.lookup(token);
        cache.set(token, words);
      }
      for (const word of words) {
        const list = out.get(word.id);
        if (list) list.add(position);
        else out.set(word.id, new Set([position]));
      }
    });
    return out;
  }

  private lookup(token: string): Word[] {
    const found = new Set<Word>(this.exact.get(token) ?? []);
    const fuzzy = token.length >= typoLength - 1 && token.length <= fuzzyMaxLength;
    if (fuzzy)
      for (const variant of deletes(token))
        for (const word of this.fuzzy.get(variant) ?? []) if (oneEditApart(token, word.text)) found.add(word);
    for (const length of this.stemLengths) {
      if (length > token.length + 1) break;
      for (const word of this.stems.get(token.slice(0, length)) ?? []) found.add(word);
      if (!fuzzy || length < typoLength || !this.fuzzyStemStarts.has(`${length}:${token.slice(0, 2)}`))
        continue;
      // The stem with one typo: the message word's first length-1, length or length+1 letters.
      for (const size of [length - 1, length, length + 1]) {
        if (size > token.length) continue;
        const prefix = token.slice(0, size);
        for (const variant of deletes(prefix))
          for (const word of this.fuzzyStems.get(variant) ?? [])
            if (word.text.length === length && oneEditApart(prefix, word.text)) found.add(word);
      }
    }
    return [...found];
  }
}

function push(map: Map<string, Word[]>, key: string, word: Word): void {
  const list = map.get(key);
  if (list) list.push(word);
  else map.set(key, [word]);
}

/** The word itself and every way of deleting one letter from it. */
function deletes(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** At most one substitution, insertion, deletion or swap of two neighbouring letters. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
