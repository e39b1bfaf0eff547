/**
 * "Have we seen this before?" for redelivered platform updates (Telegram update_id, WhatsApp
 * message id). claim() is true the first time an id is seen within the TTL, false afterwards.
 * Memory (one instance, bounded) and Redis (SET NX, so several instances agree).
 */
import { LRUCache } from "lru-cache";
import type { Redis } from "ioredis";

export interface OnceStore {
  claim(id: string, ttlSeconds: number): Promise<boolean>;
}

export function createMemoryOnceStore(options: { max?: number; now?: () => number } = {}): OnceStore {
  const seen = new LRUCache<string, true>({
    max: options.max ?? 10_000,
    ttlResolution: 0,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  return {
    async claim(id, ttlSeconds) {
      if (seen.has(id)) return false;
      seen.set(id, true, { ttl: ttlSeconds * 1000 });
      return true;
    },
  };
}

export function createRedisOnceStore(redis: Redis, options: { prefix?: string } = {}): OnceStore {
  const prefix = `${options.prefix ?? "guardline:"}once:`;
  return {
    async claim(id, ttlSeconds) {
      return (await redis.set(prefix + id, "1", "EX", Math.max(1, Math.ceil(ttlSeconds)), "NX")) === "OK";
    },
  };
}
