/**
 * The embedded session store: bounded (least recently used conversations are dropped first, so
 * memory stays flat under load) and expiring. State is lost on restart, by design.
 */
import { LRUCache } from "lru-cache";
import type { SessionStore } from "./session-store.ts";

export function createMemorySessionStore(options: { max?: number; now?: () => number } = {}): SessionStore {
  // Values are the JSON text itself: an object around each would cost its header per session.
  const cache = new LRUCache<string, string>({
    max: options.max ?? 50_000,
    ttlAutopurge: false,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  // Many people wait at the same question in the same state: everyone who has just sent /start
  // sits at the language question with nothing answered. Identical texts are kept once (a string
  // never changes in place, so sharing one is safe); the recent ones are enough to find them.
  const recentTexts = new LRUCache<string, string>({ max: 1_000 });
  const stored = (text: string): string => {
    const known = recentTexts.get(text);
    if (known !== undefined) return known;
    recentTexts.set(text, flat(text));
    return text;
  };
  return {
    async get(key) {
      const json = cache.get(key);
      return json === undefined ? null : JSON.parse(json);
    },
    async set(key, value, ttlSeconds) {
      // Stored as JSON so callers can never share or mutate stored objects, as with Redis.
      cache.set(flat(key), stored(JSON.stringify(value)), { ttl: ttlSeconds * 1000 });
    },
    async delete(key) {
      cache.delete(key);
    },
    async ping() {
      return true;
    },
    async close() {
      cache.clear();
    },
  };
}

/**
 * The same text as one contiguous string. JSON.stringify and template literals hand V8 back a
 * "cons string" for anything over a few dozen characters: a tree of the pieces it was built
 * from, each with its own header, about 140 bytes more than the text for a fresh session (a
 * third of it). Reading it as a number makes V8 flatten it in place, and the garbage collector
 * then lets go of the pieces (the trick of the flatstr package, which pino used to depend on).
 */
function flat(text: string): string {
  void Number(text);
  return text;
}
