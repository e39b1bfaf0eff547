/** Integration: the real Redis server from TEST_REDIS_URL (CI: redis://127.0.0.1:6379/7). */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createRedisOnceStore } from "./once-store.ts";
import { createRedisSessionStore } from "./redis-session-store.ts";
import { describeSessionStoreContract } from "./session-store.contract.ts";

const url = process.env.TEST_REDIS_URL;

/** A unique key prefix per run, and every key under it deleted afterwards. */
export async function redisFixture(redisUrl: string) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `guardline-test:${randomBytes(6).toString("hex")}:`;
  return {
    redis,
    prefix,
    async keys() {
      return redis.keys(`${prefix}*`);
    },
    async cleanup() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}

if (url) {
  describeSessionStoreContract("redis", async () => {
    const f = await redisFixture(url);
    return {
      sessions: createRedisSessionStore(f.redis, { prefix: f.prefix }),
      once: createRedisOnceStore(f.redis, { prefix: f.prefix }),
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      cleanup: f.cleanup,
    };
  });

  describe("redis session store", () => {
    it("stores under the prefix with a TTL, and ping fails once the client is closed", async () => {
      const f = await redisFixture(url);
      const store = createRedisSessionStore(f.redis, { prefix: f.prefix });
      await store.set("s:x", { n: 1 }, 100);
      expect(await f.keys()).toEqual([`${f.prefix}s:x`]);
      const ttl = await f.redis.ttl(`${f.prefix}s:x`);
      expect(ttl).toBeGreaterThan(90);
      expect(ttl).toBeLessThanOrEqual(100);
      await f.cleanup();
      expect(await store.ping()).toBe(false);
    });
  });
} else {
  describe.skip("redis session store (TEST_REDIS_URL not set: no Redis server to test against)", () => {
    it("needs TEST_REDIS_URL", () => {});
  });
}
