/**
 * Identical texts kept once, for the memory session store. Many people wait at the same question
 * in the same state (everyone who has just sent /start sits at the language question with
 * nothing answered), so the store passes each new text through `share` and keeps what it
 * returns: the copy another conversation already holds, if there is one. A string never changes
 * in place, so sharing it is safe.
 *
 * Only texts a stored conversation still holds are known here: each `share` counts a holder and
 * the store calls `forget` whenever a conversation lets go of its text (a new state, erase,
 * expiry, eviction), and a text nobody holds is dropped. An erased conversation's text is
 * therefore not kept for the next person. Bounded: the least recently shared texts are
 * dropped from the table when it is full, and their holders keep their own copies (a count
 * that is lost errs towards dropping a text early, never towards keeping one).
 */
import { LRUCache } from "lru-cache";

export interface SharedTexts {
  /** The text to store: an equal one already held, or this one, now counted as held. */
  share(text: string): string;
  /** A conversation let go of this text. */
  forget(text: string): void;
  /** How many stored conversations hold this text, as far as the table knows (for tests). */
  holders(text: string): number;
}

interface Held {
  text: string;
  holders: number;
}

export function createSharedTexts(options: { max?: number; maxLength?: number } = {}): SharedTexts {
  const table = new LRUCache<string, Held>({ max: options.max ?? 1_000 });
  // Long texts are never the same twice (an erase log, a long history); they would only take room.
  const maxLength = options.maxLength ?? 1_024;
  return {
    share(text) {
      if (text.length > maxLength) return flat(text);
      const held = table.get(text);
      if (held) {
        held.holders++;
        return held.text;
      }
      const own = flat(text);
      table.set(own, { text: own, holders: 1 });
      return own;
    },
    forget(text) {
      const held = table.peek(text);
      if (held && --held.holders <= 0) table.delete(text);
    },
    holders: (text) => table.peek(text)?.holders ?? 0,
  };
}

/**
 * The same text as one contiguous string. JSON.stringify builds its text in parts and hands
 * back a V8 "cons string" of them for anything longer than its first part: a tree of pieces,
 * each with its own header, about 140 bytes more than the text for a fresh session (a third of
 * it). Reading it as a number makes V8 flatten it in place, and the garbage collector then lets
 * go of the pieces (the trick of the flatstr package, which pino used to depend on).
 */
export function flat(text: string): string {
  void Number(text);
  return text;
}
