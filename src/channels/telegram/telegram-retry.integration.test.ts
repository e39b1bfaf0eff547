/**
 * Integration: the Bot API's flood limits and outages never silently cost a reply. 429s are
 * waited out as often as Telegram asks while other chats go on; 5xx answers get a few quick
 * retries, and a message finally given up is counted and the rest of the turn still goes out.
 */
import { afterEach, describe, expect, it } from "vitest";
import { noObserver } from "../turn-observer.ts";
import { recordingObserver } from "../../../test/support/recording-observer.ts";
import { startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import { manualTimers } from "../../../test/support/telegram/manual-timers.ts";
import { textUpdate } from "../../../test/support/telegram/updates.ts";
import { retryTransient } from "./retry-transient.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const welcome = ["Hello, I am Guardline.", "Nothing that identifies you is kept.", "Where do you live?"];
const tooMany = (seconds: number) => ({
  status: 429,
  body: {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds}`,
    parameters: { retry_after: seconds },
  },
});
const textsTo = (h: Harness, chatId: number) =>
  h.api
    .callsOf("sendMessage")
    .filter((c) => c.status === 200 && c.payload.chat_id === chatId)
    .map((c) => String(c.payload.text));

describe("Telegram: Bot API failures", () => {
  it("waits out a 429's retry_after while another chat is answered meanwhile", async () => {
    const observer = recordingObserver();
    harness = await startHarness({ mode: "webhook", observer });
    harness.api.failNext("sendMessage", tooMany(1));
    await harness.post(textUpdate(1, "/start", { chatId: 111 }));
    await harness.post(textUpdate(2, "/start", { chatId: 222 }));
    await harness.api.waitFor(() => textsTo(harness!, 222).length === 3);
    // The other chat was answered in full while the first still waited for Telegram.
    expect(textsTo(harness, 111)).toEqual([]);
    await harness.channel.idle();
    expect(textsTo(harness, 111)).toEqual(welcome);
    expect(observer.count("429")).toBe(1);
  });

  it("delivers a message that meets five 429s in a row: flood waits are not failed attempts", async () => {
    const observer = recordingObserver();
    harness = await startHarness({ mode: "webhook", observer });
    harness.api.failNext("sendMessage", tooMany(0), 5);
    await harness.post(textUpdate(1, "/start"));
    await harness.channel.idle();
    expect(harness.api.texts()).toEqual(welcome);
    expect(observer.count("429")).toBe(5);
    expect(observer.count("gave up")).toBe(0);
  });

  it("delivers a message that meets six 500s in a row, and the rest of the turn after it", async () => {
    const observer = recordingObserver();
    harness = await startHarness({ mode: "webhook", observer });
    harness.api.failNext("sendMessage", "500", 6);
    await harness.post(textUpdate(1, "/start"));
    await harness.channel.idle();
    expect(harness.api.texts()).toEqual(welcome);
    expect(observer.count("gave up")).toBe(0);
  });

  it("gives up a message after nine 500s within seconds, counts it, and sends the rest of the turn", async () => {
    const observer = recordingObserver();
    harness = await startHarness({ mode: "webhook", observer });
    harness.api.failNext("sendMessage", "500", 9);
    const started = Date.now();
    await harness.post(textUpdate(1, "/start"));
    await harness.channel.idle();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(harness.api.texts()).toEqual(welcome.slice(1));
    expect(observer.count("gave up telegram")).toBe(1);
    expect(observer.count("failed telegram unavailable")).toBe(1);
    expect(harness.logLines.join("")).toContain("a reply could not be sent");
  });
});

describe("retryTransient", () => {
  it("waits at most seconds in all before giving up (250 ms doubling to 2 s, 8 retries)", async () => {
    const timers = manualTimers();
    let calls = 0;
    const failing = async () => (
      calls++,
      { ok: false as const, error_code: 502, description: "Bad Gateway" }
    );
    const transformer = retryTransient({ observer: noObserver, timers });
    const result = transformer(failing as never, "sendMessage", {} as never);
    for (let i = 0; i < 8; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      timers.fire();
    }
    expect(await result).toMatchObject({ ok: false, error_code: 502 });
    expect(calls).toBe(9);
    expect(timers.delays).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000, 2000]);
  });
});
