/** Integration: webhook mode through the Hono app, against a fake Bot API on loopback. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createInboundQueue } from "../../inbound/create-inbound-queue.ts";
import { createLogger } from "../../logging/create-logger.ts";
import { createMemorySessionStore } from "../../sessions/memory-session-store.ts";
import { createMemoryOnceStore } from "../../sessions/once-store.ts";
import type { SessionStore } from "../../sessions/session-store.ts";
import { buttons, startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import {
  callbackUpdate,
  editedUpdate,
  groupUpdate,
  photoUpdate,
  privateChatId,
  textUpdate,
  unknownUpdate,
  userName,
} from "../../../test/support/telegram/updates.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Counts every call, so a test can prove that no state was touched. */
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

describe("Telegram webhook", () => {
  it("sets the webhook with its secret and a command menu, then welcomes /start with buttons", async () => {
    harness = await startHarness({ mode: "webhook" });
    const { api, channel } = harness;
    expect(api.callsOf("setWebhook")[0]?.payload).toMatchObject({
      url: "https://guardline.example.org/webhooks/telegram",
      secret_token: "test-webhook-secret_123",
      allowed_updates: ["message", "callback_query"],
    });
    expect(api.callsOf("setMyCommands")[0]?.payload).toMatchObject({
      scope: { type: "all_private_chats" },
      commands: [{ command: "menu" }, { command: "help" }, { command: "language" }, { command: "erase" }],
    });
    expect(channel.status()).toMatchObject({ state: "running", detail: "webhook" });

    const response = await harness.post(textUpdate(1, "/start"));
    expect(response.status).toBe(200);
    await channel.idle();
    expect(api.texts()).toEqual([
      "Hello, I am Guardline.",
      "Nothing that identifies you is kept.",
      "Where do you live?",
    ]);
    expect(buttons(api)).toEqual({
      "the Netherlands": "o:pick_country:nl",
      "Other country": "o:pick_country:other",
    });
    expect(api.callsOf("sendMessage")[0]?.payload.chat_id).toBe(privateChatId);
  });

  it("taps through to the helpline contacts of the chosen country, answering every button", async () => {
    harness = await startHarness({ mode: "webhook" });
    const { api, channel } = harness;
    await harness.post(textUpdate(1, "/start"));
    await channel.idle();
    const tap = callbackUpdate(2, buttons(api)["the Netherlands"]!);
    await harness.post(tap);
    await channel.idle();
    // Acknowledged in the answer to Telegram's request, not by a Bot API call of its own.
    expect(harness.webhookReplies).toEqual([
      { method: "answerCallbackQuery", callback_query_id: tap.callback_query!.id },
    ]);
    expect(api.callsOf("answerCallbackQuery")).toHaveLength(0);
    await harness.post(callbackUpdate(3, buttons(api)["Get help now"]!));
    await channel.idle();
    expect(harness.acknowledged()).toHaveLength(2);
    expect(api.texts().join("\n")).toContain("Call 112");
    expect(api.texts().join("\n")).toContain("De Kindertelefoon");
  });

  it("answers a button from an earlier message through the engine, without an error", async () => {
    harness = await startHarness({ mode: "webhook" });
    const { api, channel } = harness;
    await harness.post(textUpdate(1, "/start"));
    await channel.idle();
    const old = buttons(api)["the Netherlands"]!;
    await harness.post(callbackUpdate(2, old));
    await channel.idle();
    const before = api.texts().length;
    await harness.post(callbackUpdate(3, old));
    await channel.idle();
    expect(harness.acknowledged()).toHaveLength(2);
    expect(api.texts().slice(before)[0]).toBe(
      "That button belongs to an earlier message. Here is where we are now:",
    );
  });

  it.each([
    ["a missing secret", null],
    ["a forged secret", "not-the-secret"],
    ["an empty secret", ""],
  ])("refuses %s with 401 and touches no state", async (_label, secret) => {
    const sessions = countingStore();
    harness = await startHarness({ mode: "webhook", sessions });
    const callsBefore = harness.api.calls.length;
    const response = await harness.post(textUpdate(1, "/start"), secret);
    expect(response.status).toBe(401);
    await harness.channel.idle();
    expect(sessions.touched).toBe(0);
    expect(harness.api.calls.length).toBe(callsBefore);
  });

  it("processes a redelivered update (same update_id) once", async () => {
    harness = await startHarness({ mode: "webhook" });
    const update = textUpdate(7, "/start");
    expect((await harness.post(update)).status).toBe(200);
    expect((await harness.post(update)).status).toBe(200);
    await harness.channel.idle();
    expect(harness.api.texts()).toHaveLength(3);
  });

  it("keeps one chat's updates in order even when they arrive together", async () => {
    const inner = createMemorySessionStore();
    let first = true;
    // The first turn's session read is slow, so a racing second turn would overtake it.
    const slow: SessionStore = {
      ...inner,
      get: async (k) => (
        first ? ((first = false), await new Promise((r) => setTimeout(r, 150))) : undefined,
        inner.get(k)
      ),
    };
    harness = await startHarness({ mode: "webhook", sessions: slow });
    await Promise.all([
      harness.post(textUpdate(1, "/start")),
      harness.post(callbackUpdate(2, "o:pick_country:nl")),
    ]);
    await harness.channel.idle();
    expect(harness.api.texts().slice(0, 5)).toEqual([
      "Hello, I am Guardline.",
      "Nothing that identifies you is kept.",
      "Where do you live?",
      "Thanks.",
      "What would you like to know?",
    ]);
  });

  it.each([
    ["a group chat", groupUpdate(1, "/start")],
    ["an edited message", editedUpdate(2, "/start")],
    ["an update type it did not ask for", unknownUpdate(3)],
  ])("accepts %s with 200 and does not answer", async (_label, update) => {
    const sessions = countingStore();
    harness = await startHarness({ mode: "webhook", sessions });
    expect((await harness.post(update)).status).toBe(200);
    await harness.channel.idle();
    expect(harness.api.callsOf("sendMessage")).toHaveLength(0);
    expect(sessions.touched).toBe(0);
  });

  it("tells the person it can only read text when a photo arrives", async () => {
    harness = await startHarness({ mode: "webhook" });
    await harness.post(textUpdate(1, "/start"));
    await harness.post(photoUpdate(2));
    await harness.channel.idle();
    expect(harness.api.texts()).toContain(
      "I can only read text messages. Please type your answer or a number.",
    );
  });

  it("still answers when the Bot API says 429 (waits retry_after) and when other calls fail", async () => {
    const refuse = {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: not supported here" },
    };
    harness = await startHarness({
      mode: "webhook",
      beforeStart: (api) => api.failNext("setMyCommands", refuse, 5),
    });
    const { api } = harness;
    api.failNext("sendMessage", "429");
    await harness.post(textUpdate(1, "/start"));
    await harness.post(callbackUpdate(2, "o:pick_country:nl"));
    await harness.channel.idle();
    expect(api.texts()).toEqual([
      "Hello, I am Guardline.",
      "Nothing that identifies you is kept.",
      "Where do you live?",
      "Thanks.",
      "What would you like to know?",
    ]);
    expect(api.callsOf("sendMessage")).toHaveLength(6);
    expect(harness.acknowledged()).toHaveLength(1);
    expect(harness.logLines.join("")).toContain("could not set the command menu");
  });

  it("retries a 500 from the Bot API and delivers the reply", async () => {
    harness = await startHarness({ mode: "webhook" });
    harness.api.failNext("sendMessage", "500");
    await harness.post(textUpdate(1, "/start"));
    await harness.channel.idle();
    expect(harness.api.texts()).toHaveLength(3);
    expect(harness.api.callsOf("sendMessage")).toHaveLength(4);
  }, 15_000);

  it("never logs the chat id, user name or message text", async () => {
    harness = await startHarness({ mode: "webhook" });
    harness.api.failNext("sendMessage", {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: something" },
    });
    await harness.post(textUpdate(1, "/start"));
    await harness.post(textUpdate(2, "my neighbour Zanele shouts at her son"));
    await harness.post(callbackUpdate(3, "o:pick_country:nl"));
    await harness.post(groupUpdate(4, "group secret words"));
    await harness.channel.idle();
    const logs = harness.logLines.join("");
    expect(harness.logLines.length).toBeGreaterThan(5);
    for (const secret of [
      String(privateChatId),
      userName,
      "Amara",
      "Testperson",
      "Zanele",
      "group secret words",
      "1001234567890",
      "Where do you live",
    ])
      expect(logs).not.toContain(secret);
  });
});

describe("Telegram webhook: the inbound queue", () => {
  it("keeps the update before answering 200, answers it from the queue once, and 503 once the queue refuses", async () => {
    const queue = await createInboundQueue({
      redis: null,
      dataDir: await mkdtemp(join(tmpdir(), "guardline-webhook-")),
      logger: createLogger({ level: "silent" }),
      ttlSeconds: 3600,
    });
    const kept: string[] = [];
    harness = await startHarness({
      mode: "webhook",
      inbound: { submit: async (e) => (kept.push(e.dedupeKey), queue.submit(e)), idle: () => queue.idle() },
    });
    const { api, channel } = harness;
    queue.start((handle) => channel.handle!(handle));
    expect((await harness.post(textUpdate(1, "/start"))).status).toBe(200);
    expect(kept).toHaveLength(1);
    await channel.idle();
    const answered = api.texts().length;
    expect(answered).toBe(3);
    expect((await harness.post(textUpdate(1, "/start"))).status).toBe(200); // redelivered
    await channel.idle();
    expect(api.texts()).toHaveLength(answered);
    await queue.stop();
    // Shutting down: Telegram delivers it again later, to a running instance.
    expect((await harness.post(textUpdate(2, "menu"))).status).toBe(503);
    expect(api.texts()).toHaveLength(answered);
  });
});

describe("Telegram webhook: languages and instances", () => {
  it("greets a Dutch Telegram user in Dutch where the content has Dutch (language_code nl)", async () => {
    harness = await startHarness({ mode: "webhook" });
    const { api, channel } = harness;
    await harness.post(textUpdate(1, "/start", { languageCode: "nl" }));
    await channel.idle();
    expect(buttons(api)).toHaveProperty("Nederland");
    await harness.post(callbackUpdate(2, buttons(api)["Nederland"]!, privateChatId, "nl"));
    await channel.idle();
    expect(api.texts()).toContain("Waar wil je meer over weten?");
    expect(Object.keys(buttons(api))).toEqual(expect.arrayContaining(["Tips", "Nu hulp krijgen"]));
  });

  it("answers an update redelivered to a second instance once, when both share the redelivery store", async () => {
    const once = createMemoryOnceStore();
    harness = await startHarness({ mode: "webhook", once });
    const second = await startHarness({ mode: "webhook", once, api: harness.api });
    try {
      const update = textUpdate(9, "/start");
      expect((await harness.post(update)).status).toBe(200);
      expect((await second.post(update)).status).toBe(200);
      await Promise.all([harness.channel.idle(), second.channel.idle()]);
      expect(harness.api.texts()).toEqual([
        "Hello, I am Guardline.",
        "Nothing that identifies you is kept.",
        "Where do you live?",
      ]);
    } finally {
      await second.close();
    }
  });
});
