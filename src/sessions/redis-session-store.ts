/**
 * Sessions in Redis, so several instances share conversations. Values are JSON with a TTL set on
 * every write (SET ... EX), so an abandoned conversation disappears after SESSION_TTL by itself.
 * Keys arrive already keyed-hashed (session-key.ts); this store only adds its prefix.
 */
import type { Redis } from "ioredis";
import type { SessionStore } from "./session-store.ts";

export interface RedisSessionStoreOptions {
  /** Namespace for every key, e.g. `guardline:`; tests use one per run. */
  prefix?: string;
  /** Whether close() also closes the client (false when the client is shared). */
  ownsClient?: boolean;
}

export function createRedisSessionStore(redis: Redis, options: RedisSessionStoreOptions = {}): SessionStore {
  const prefix = options.prefix ?? "guardline:";
  return {
    async get(key) {
      const json = await redis.get(prefix + key);
      return json === null ? null : JSON.parse(json);
    },
    async set(key, value, ttlSeconds) {
      await redis.set(prefix + key, JSON.stringify(value), "EX", Math.max(1, Math.ceil(ttlSeconds)));
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
    async ping() {
      try {
        return (await redis.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    async close() {
      if (options.ownsClient) await redis.quit();
    },
  };
}
