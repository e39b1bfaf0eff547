import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisTurnLine } from "./turn-line.ts";

const url = process.env.TEST_REDIS_URL;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)("Redis turn line (TEST_REDIS_URL)", () => {
  const a = new Redis(url!);
  const b = new Redis(url!);
  const prefix = `guardline-test-${randomUUID()}:`;
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    await Promise.all([a.quit(), b.quit()]);
  });

  it("serves places in the order they were taken, whichever instance took them", async () => {
    const lines = [createRedisTurnLine(a, { prefix }), createRedisTurnLine(b, { prefix })];
    const log: number[] = [];
    const places = [];
    for (let i = 0; i < 8; i++) {
      const place = lines[i % 2]!.join("chat-1");
      await place.placed;
      places.push(place);
    }
    // Started in reverse: the later places still wait for the earlier ones.
    const runs = places.reverse().map((place, j) =>
      place.run(async () => {
        await pause(5);
        log.push(7 - j);
      }),
    );
    const results = await Promise.all(runs);
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.every((r) => r.locked)).toBe(true);
  });

  it("skips a place whose instance died before its turn, after staleMs", async () => {
    const line = createRedisTurnLine(a, { prefix, staleMs: 100 });
    const dead = line.join("chat-2");
    await dead.placed;
    const alive = line.join("chat-2");
    const started = Date.now();
    const result = await alive.run(async () => "ran");
    expect(result).toEqual({ value: "ran", locked: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("does not skip a holder that is still working, however long its turn", async () => {
    const line = createRedisTurnLine(a, { prefix, staleMs: 50, holdMs: 60 });
    const log: string[] = [];
    const first = line.join("chat-3");
    const second = line.join("chat-3");
    await Promise.all([
      first.run(async () => {
        await pause(300);
        log.push("first");
      }),
      second.run(async () => void log.push("second")),
    ]);
    expect(log).toEqual(["first", "second"]);
  });

  it("runs the turn anyway when Redis cannot be reached", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on("error", () => undefined);
    const line = createRedisTurnLine(down, { prefix });
    const place = line.join("chat-4");
    await place.placed;
    expect(await place.run(async () => 1)).toEqual({ value: 1, locked: false });
    down.disconnect();
  });
});
