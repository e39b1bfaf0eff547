/**
 * The embedded session store: bounded (least recently used conversations are dropped first, so
 * memory stays flat under load) and expiring. State is lost on restart, by design.
 */
import { LRUCache } from "lru-cache";
import type { SessionStore } from "./session-store.ts";
import { createSharedTexts, flat, type SharedTexts } from "./shared-texts.ts";

/** Expired conversations are cleared from memory at most this long after they expire (on a write). */
const purgeEveryMs = 60_000;

export function createMemorySessionStore(
  options: { max?: number; now?: () => number; texts?: SharedTexts } = {},
): SessionStore {
  const texts = options.texts ?? createSharedTexts();
  const now = options.now ?? (() => performance.now());
  // Values are the JSON text itself: an object around each would cost its header per session.
  const cache = new LRUCache<string, string>({
    max: options.max ?? 50_000,
    ttlAutopurge: false,
    ...(options.now ? { perf: { now: options.now } } : {}),
    // Every way a text leaves (replaced, deleted, expired, evicted, cleared) ends its holding.
    dispose: (text) => texts.forget(text),
  });
  let purgedAt = now();
  return {
    async get(key) {
      const json = cache.get(key);
      return json === undefined ? null : JSON.parse(json);
    },
    async set(key, value, ttlSeconds) {
      // Stored as JSON so callers can never share or mutate stored objects, as with Redis.
      const json = JSON.stringify(value);
      const ttl = ttlSeconds * 1000;
      // The same text again only renews its expiry: lru-cache keeps (and does not dispose) an
      // equal value, so it must not be counted as held a second time.
      const old = cache.peek(key, { allowStale: true });
      if (old === json) cache.set(key, old, { ttl });
      else cache.set(flat(key), texts.share(json), { ttl });
      // lru-cache drops an expired conversation only when it is next read; this clears them all
      // from memory now and then, without a timer per conversation.
      if (now() - purgedAt >= purgeEveryMs) {
        purgedAt = now();
        cache.purgeStale();
      }
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
