/**
 * The embedded session store: bounded (least recently used conversations are dropped first, so
 * memory stays flat under load) and expiring. State is lost on restart, by design.
 */
import { LRUCache } from "lru-cache";
import type { SessionStore } from "./session-store.ts";

export function createMemorySessionStore(options: { max?: number; now?: () => number } = {}): SessionStore {
  const cache = new LRUCache<string, { json: string }>({
    max: options.max ?? 50_000,
    ttlAutopurge: false,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  return {
    async get(key) {
      const entry = cache.get(key);
      return entry ? JSON.parse(entry.json) : null;
    },
    async set(key, value, ttlSeconds) {
      // Stored as JSON so callers can never share or mutate stored objects, as with Redis.
      cache.set(key, { json: JSON.stringify(value) }, { ttl: ttlSeconds * 1000 });
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
