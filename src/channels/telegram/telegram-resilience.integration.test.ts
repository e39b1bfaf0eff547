/**
 * Integration: what must not stop the Telegram channel from answering: malformed updates and
 * bodies, a Bot API that is down at start-up, missing content, a refused message in mid-turn.
 */
import { BotError, type Context } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ContentUnavailableError } from "../../content/content-source.ts";
import { createMemorySessionStore } from "../../sessions/memory-session-store.ts";
import type { SessionStore } from "../../sessions/session-store.ts";
import { contentUnavailableText } from "../turn-runner.ts";
import { buttons, startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import { manualTimers, type ManualTimers } from "../../../test/support/telegram/manual-timers.ts";
import { callbackUpdate, textUpdate } from "../../../test/support/telegram/updates.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  vi.restoreAllMocks();
});

const welcome = ["Hello, I am Guardline.", "Nothing that identifies you is kept.", "Where do you live?"];
const chatless = { update_id: 1, message: { message_id: 1, date: 1 } } as unknown as Update;
const fail = (status: number, description: string) => ({
  status,
  body: { ok: false, error_code: status, description },
});

function countingStore(inner: SessionStore = createMemorySessionStore()): SessionStore & { touched: number } {
  const store = {
    touched: 0,
    get: (k: string) => (store.touched++, inner.get(k)),
    set: (k: string, v: unknown, t: number) => (store.touched++, inner.set(k, v, t)),
    delete: (k: string) => (store.touched++, inner.delete(k)),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return store;
}

describe("Telegram: a malformed update", () => {
  it("is skipped in long polling, and polling goes on to answer /start", async () => {
    const consoleError = vi.spyOn(console, "error");
    harness = await startHarness({ mode: "polling" });
    const { api, channel } = harness;
    api.push(chatless);
    api.push(textUpdate(2, "/start"));
    await api.waitFor(() => api.texts().length === 3);
    expect(api.texts()).toEqual(welcome);
    expect(channel.status()).toMatchObject({ state: "running", detail: "long polling" });
    expect(harness.logLines.join("")).toContain('"reason":"malformed"');
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("gets 400 by webhook, and the next /start is answered", async () => {
    const consoleError = vi.spyOn(console, "error");
    harness = await startHarness({ mode: "webhook" });
    expect((await harness.post(chatless)).status).toBe(400);
    expect((await harness.post(textUpdate(2, "/start"))).status).toBe(200);
    await harness.channel.idle();
    expect(harness.api.texts()).toEqual(welcome);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("that makes the handler fail is logged through pino, without the update, and polling goes on", async () => {
    const consoleError = vi.spyOn(console, "error");
    harness = await startHarness({ mode: "polling" });
    const { api, channel } = harness;
    await channel.bot.errorHandler(
      new BotError(new TypeError("boom"), { update: textUpdate(1, "Zanele shouts") } as unknown as Context),
    );
    api.push(textUpdate(2, "/start"));
    await api.waitFor(() => api.texts().length === 3);
    const logs = harness.logLines.join("");
    expect(logs).toContain("an update could not be handled");
    expect(logs).not.toContain("Zanele");
    expect(consoleError).not.toHaveBeenCalled();
  });
});

describe("Telegram webhook: a body that is not an update", () => {
  it.each([
    [
      "invalid JSON (which quotes the message)",
      '{"update_id": 5, "message": {"text": "Zanele shouts at her son',
    ],
    ["an empty body", ""],
    ["null", "null"],
    [
      "a message without chat",
      JSON.stringify({ update_id: 6, message: { message_id: 1, date: 1, text: "Zanele shouts at her son" } }),
    ],
  ])("gets 400 for %s, touches no state and logs no text of it", async (_label, body) => {
    const sessions = countingStore();
    harness = await startHarness({ mode: "webhook", sessions });
    const response = await harness.postRaw(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "the body is not a Telegram update" });
    await harness.channel.idle();
    expect(sessions.touched).toBe(0);
    expect(harness.api.callsOf("sendMessage")).toHaveLength(0);
    const logs = harness.logLines.join("");
    expect(logs).toContain("webhook body refused");
    for (const secret of ["Zanele", "shouts", "SyntaxError", "JSON"]) expect(logs).not.toContain(secret);
  });
});

describe("Telegram start-up when the Bot API is down", () => {
  const notFound = fail(404, "Not Found");

  /** Fires the next retry and waits until it has either scheduled another or started the channel. */
  async function retry(timers: ManualTimers, h: Harness) {
    const before = timers.delays.length;
    timers.fire();
    await vi.waitFor(() =>
      expect(timers.delays.length > before || h.channel.status().state === "running").toBe(true),
    );
  }

  it("retries getMe with growing waits, answers 503 meanwhile, then serves the webhook", async () => {
    const timers = manualTimers();
    harness = await startHarness({
      mode: "webhook",
      timers,
      beforeStart: (api) => api.failNext("getMe", notFound, 3),
    });
    const { api, channel } = harness;
    expect(channel.status()).toMatchObject({
      state: "starting",
      detail: expect.stringMatching(/^getMe failed: .*; retrying in 1 s$/),
    });
    expect((await harness.post(textUpdate(1, "/start"))).status).toBe(503);
    await retry(timers, harness);
    await retry(timers, harness);
    expect(channel.status()).toMatchObject({
      state: "starting",
      detail: expect.stringContaining("retrying in 4 s"),
    });
    await retry(timers, harness);
    expect(timers.delays).toEqual([1000, 2000, 4000]);
    expect(channel.status()).toMatchObject({ state: "running", detail: "webhook" });
    expect(api.callsOf("setWebhook")).toHaveLength(1);
    expect(api.callsOf("setMyCommands").length).toBeGreaterThan(0);
    expect((await harness.post(textUpdate(2, "/start"))).status).toBe(200);
    await channel.idle();
    expect(api.texts()).toEqual(welcome);
  });

  it("retries setWebhook, taking updates meanwhile in case an earlier webhook still delivers", async () => {
    const timers = manualTimers();
    harness = await startHarness({
      mode: "webhook",
      timers,
      beforeStart: (api) => api.failNext("setWebhook", fail(400, "Bad Request: bad webhook"), 1),
    });
    expect(harness.channel.status()).toMatchObject({
      state: "starting",
      detail: expect.stringMatching(/^setWebhook failed: /),
    });
    expect((await harness.post(textUpdate(1, "/start"))).status).toBe(200);
    await retry(timers, harness);
    expect(harness.channel.status()).toMatchObject({ state: "running", detail: "webhook" });
  });

  it("retries in long polling mode too, and stop() cancels a pending retry", async () => {
    const timers = manualTimers();
    harness = await startHarness({
      mode: "polling",
      timers,
      beforeStart: (api) => api.failNext("getMe", notFound, 1),
    });
    const { api, channel } = harness;
    expect(channel.status().state).toBe("starting");
    await retry(timers, harness);
    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => api.texts().length === 3);
    await channel.stop();

    const again = manualTimers();
    const second = await startHarness({
      mode: "polling",
      timers: again,
      beforeStart: (a) => a.failNext("getMe", notFound, 1),
    });
    await second.close();
    expect(again.pending()).toBe(0);
  });
});

describe("Telegram: answering when something is wrong", () => {
  it("answers with a fixed notice when no content is loaded, and logs why", async () => {
    const content = {
      current: () => {
        throw new ContentUnavailableError();
      },
    };
    harness = await startHarness({ mode: "webhook", content });
    expect((await harness.post(textUpdate(1, "/start"))).status).toBe(200);
    await harness.channel.idle();
    expect(harness.api.texts()).toEqual([contentUnavailableText]);
    expect(harness.logLines.join("")).toContain("content unavailable");
  });

  it("still delivers the helpline contacts when Telegram refuses the message before them", async () => {
    harness = await startHarness({ mode: "webhook" });
    const { api, channel } = harness;
    await harness.post(textUpdate(1, "/start"));
    await channel.idle();
    await harness.post(callbackUpdate(2, buttons(api)["the Netherlands"]!));
    await channel.idle();
    api.failNext("sendMessage", fail(400, "Bad Request: message is too long"));
    await harness.post(callbackUpdate(3, buttons(api)["Get help now"]!));
    await channel.idle();
    const after = api.texts().join("\n");
    expect(after).not.toContain("If a child is in danger now");
    expect(after).toContain("Call 112");
    expect(after).toContain("De Kindertelefoon");
  });

  it("stops the turn's remaining messages when the person blocked the bot", async () => {
    harness = await startHarness({ mode: "webhook" });
    harness.api.failNext("sendMessage", fail(403, "Forbidden: bot was blocked by the user"));
    await harness.post(textUpdate(1, "/start"));
    await harness.channel.idle();
    expect(harness.api.callsOf("sendMessage")).toHaveLength(1);
  });

  it("answers a button it cannot read as one from an earlier message, and shows the question again", async () => {
    harness = await startHarness({ mode: "webhook" });
    await harness.post(textUpdate(1, "/start"));
    await harness.post(callbackUpdate(2, "not-our-data"));
    await harness.channel.idle();
    expect(harness.acknowledged()).toHaveLength(1);
    expect(harness.api.texts().slice(3)).toEqual([
      "That button belongs to an earlier message. Here is where we are now:",
      "Where do you live?",
    ]);
  });
});

describe("Telegram: acknowledging a tap", () => {
  it("in long polling calls answerCallbackQuery; a failure there is logged and the tap still answered", async () => {
    harness = await startHarness({ mode: "polling" });
    const { api } = harness;
    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => api.texts().length === 3);
    api.failNext("answerCallbackQuery", {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: query is too old" },
    });
    api.push(callbackUpdate(2, "o:pick_country:nl"));
    await api.waitFor(() => api.texts().length === 5);
    // No webhook request to answer: the Bot API is called, once.
    expect(api.callsOf("answerCallbackQuery")).toHaveLength(1);
    expect(harness.webhookReplies).toEqual([]);
    await api.waitFor(() => harness!.logLines.join("").includes("answerCallbackQuery failed"));
  });
});
