/**
 * The embedded session store: bounded (least recently used conversations are dropped first, so
 * memory stays flat under load) and expiring. State is lost on restart, by design.
 */
import { LRUCache } from "lru-cache";
import type { SessionStore } from "./session-store.ts";
import { createSharedTexts, flat, type SharedTexts } from "./shared-texts.ts";

export function createMemorySessionStore(
  options: {
    max?: number;
    now?: () => number;
    texts?: SharedTexts;
    /** Expired conversations leave memory at most this long after they expire (default a minute). */
    purgeEveryMs?: number;
  } = {},
): SessionStore {
  const max = options.max ?? 50_000;
  // A store for one conversation (a console simulation) has nothing to share with.
  const texts = options.texts ?? createSharedTexts({ max: Math.min(1_000, max) });
  // Values are the JSON text itself: an object around each would cost its header per session.
  const cache = new LRUCache<string, string>({
    max,
    ttlAutopurge: false,
    ...(options.now ? { perf: { now: options.now } } : {}),
    // Every way a text leaves (replaced, deleted, expired, evicted, cleared) ends its holding.
    dispose: (text) => texts.forget(text),
  });
  // lru-cache drops an expired conversation only when it is next read; this clears them all from
  // memory now and then, without a timer per conversation.
  purgeNowAndThen(new WeakRef(cache), options.purgeEveryMs ?? 60_000);
  return {
    async get(key) {
      const json = cache.get(key);
      return json === undefined ? null : JSON.parse(json);
    },
    async set(key, value, ttlSeconds) {
      // Stored as JSON so callers can never share or mutate stored objects, as with Redis.
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) return void cache.delete(key); // as lru-cache treats an undefined value
      const ttl = ttlSeconds * 1000;
      // The same text again only renews its expiry: lru-cache keeps (and does not dispose) an
      // equal value, so it must not be counted as held a second time.
      const old = cache.peek(key, { allowStale: true });
      if (old === json) cache.set(key, old, { ttl });
      else cache.set(flat(key), texts.share(json), { ttl });
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
 * Purges expired entries every `everyMs`, for as long as the cache is in use: the timer holds the
 * cache only weakly (and is defined out here, so that it shares no closure with the store's
 * methods), so a store nobody closes (a console simulation) is still collected, and its timer
 * then stops. Unref'd: it never keeps the process alive.
 */
function purgeNowAndThen(cache: WeakRef<LRUCache<string, string>>, everyMs: number): void {
  const timer = setInterval(() => {
    const live = cache.deref();
    if (live) live.purgeStale();
    else clearInterval(timer);
  }, everyMs);
  timer.unref();
}
