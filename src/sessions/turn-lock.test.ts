import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisTurnLock } from "./turn-lock.ts";

const url = process.env.TEST_REDIS_URL;

describe.skipIf(!url)("Redis turn lock (TEST_REDIS_URL)", () => {
  const redis = new Redis(url!, { lazyConnect: false });
  const prefix = `guardline-test-${randomUUID()}:`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("runs two instances' turns of one chat one after the other", async () => {
    const a = createRedisTurnLock(redis, { prefix });
    const b = createRedisTurnLock(redis, { prefix });
    const log: string[] = [];
    const turn = (name: string) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 50));
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([a.withLock("s:chat", turn("a")), b.withLock("s:chat", turn("b"))]);
    expect(results.every((r) => r.locked)).toBe(true);
    // Whichever went first finished before the other started.
    const first = log[0]!.split(" ")[0];
    expect(log).toEqual([
      `${first} start`,
      `${first} end`,
      `${first === "a" ? "b" : "a"} start`,
      `${first === "a" ? "b" : "a"} end`,
    ]);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it("lets different chats run at the same time", async () => {
    const lock = createRedisTurnLock(redis, { prefix });
    let running = 0;
    let most = 0;
    const turn = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
    };
    await Promise.all([lock.withLock("s:one", turn), lock.withLock("s:two", turn)]);
    expect(most).toBe(2);
  });

  it("goes ahead when a crashed holder never releases, after the wait", async () => {
    await redis.set(`${prefix}lock:s:stuck`, "someone-else", "PX", 60_000);
    const lock = createRedisTurnLock(redis, { prefix, waitMs: 100 });
    const started = Date.now();
    const result = await lock.withLock("s:stuck", async () => "answered");
    expect(result).toEqual({ value: "answered", locked: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(await redis.get(`${prefix}lock:s:stuck`)).toBe("someone-else");
  });

  it("goes ahead at once when Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    const lock = createRedisTurnLock(down, { prefix });
    expect(await lock.withLock("s:x", async () => 1)).toEqual({ value: 1, locked: false });
    down.disconnect();
  });
});
