/**
 * Two instances of the service behind one webhook, sharing Redis: one chat's updates, posted
 * alternately to each, are answered exactly as one instance answers them, in order, at 0, 5 and
 * 50 ms apart. Each instance has its own conversation and channel; only Redis (sessions,
 * redelivery ids, the chat's line) and the Bot API are shared, as in production.
 */
import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisOnceStore } from "../../sessions/once-store.ts";
import { createRedisSessionStore } from "../../sessions/redis-session-store.ts";
import { createRedisTurnLine } from "../../sessions/turn-line.ts";
import { startFakeBotApi, type FakeBotApi } from "../../../test/support/telegram/fake-bot-api.ts";
import { startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import { textUpdate } from "../../../test/support/telegram/updates.ts";
import { orderedScript } from "../../../test/support/ordered-script.ts";

const url = process.env.TEST_REDIS_URL;

const script = orderedScript;

describe.skipIf(!url)("two instances, one chat (TEST_REDIS_URL)", () => {
  const redis = new Redis(url!);
  const prefix = `guardline-test-${randomUUID()}:`;
  let api: FakeBotApi;
  let instances: Harness[] = [];
  let updateId = 1;

  beforeAll(async () => {
    api = await startFakeBotApi();
    // Sending takes longer than the widest gap, as over the internet: turns overlap.
    api.sendLatencyMs = 25;
    const shared = () => ({
      mode: "webhook" as const,
      api,
      sessions: createRedisSessionStore(redis, { prefix }),
      once: createRedisOnceStore(redis, { prefix }),
      turnLine: createRedisTurnLine(redis, { prefix }),
    });
    instances = [await startHarness(shared()), await startHarness(shared())];
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await api.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const textsTo = (chatId: number) =>
    api
      .callsOf("sendMessage")
      .filter((c) => c.status === 200 && c.payload.chat_id === chatId)
      .map((c) => String(c.payload.text));

  const idle = () => Promise.all(instances.map((i) => i.channel.idle()));

  /** What one instance answers, each update waited for: the transcript to match. */
  async function oneInstance(chatId: number): Promise<string[]> {
    for (const text of script) {
      expect((await instances[0]!.post(textUpdate(updateId++, text, { chatId }))).status).toBe(200);
      await idle();
    }
    return textsTo(chatId);
  }

  it.each([0, 5, 50])("alternating instances %i ms apart: the one-instance transcript", async (gap) => {
    const expected = await oneInstance(100_000 + gap);
    expect(expected.length).toBeGreaterThan(script.length);
    const chatId = 200_000 + gap;
    for (const [i, text] of script.entries()) {
      const response = await instances[i % 2]!.post(textUpdate(updateId++, text, { chatId }));
      expect(response.status).toBe(200);
      if (gap) await new Promise((resolve) => setTimeout(resolve, gap));
    }
    await idle();
    expect(textsTo(chatId)).toEqual(expected);
  });
});
