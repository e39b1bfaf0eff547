/** Integration: long polling (getUpdates) against the fake Bot API, and stopping with a turn in flight. */
import { afterEach, describe, expect, it } from "vitest";
import { createMemorySessionStore } from "../../sessions/memory-session-store.ts";
import type { SessionStore } from "../../sessions/session-store.ts";
import { buttons, startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import { callbackUpdate, textUpdate } from "../../../test/support/telegram/updates.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("Telegram long polling", () => {
  it("removes any webhook, polls, and taps through to the helpline contacts", async () => {
    harness = await startHarness({ mode: "polling" });
    const { api, channel } = harness;
    expect(api.callsOf("deleteWebhook")).toHaveLength(1);
    expect(channel.status()).toMatchObject({ state: "running", detail: "long polling" });
    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => api.texts().length === 3);
    expect(buttons(api)).toHaveProperty("the Netherlands");
    api.push(callbackUpdate(2, buttons(api)["the Netherlands"]!));
    await api.waitFor(() => api.texts().includes("What would you like to know?"));
    api.push(callbackUpdate(3, buttons(api)["Get help now"]!));
    await api.waitFor(() => api.texts().some((t) => t.includes("Call 112")));
    expect(api.callsOf("answerCallbackQuery")).toHaveLength(2);
    const offsets = api.callsOf("getUpdates").map((c) => Number(c.payload.offset ?? 0));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets).toEqual(expect.arrayContaining([2, 3]));
  });

  it("stops cleanly: confirms the last update and polls no more", async () => {
    harness = await startHarness({ mode: "polling" });
    const { api, channel } = harness;
    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => api.texts().length === 3);
    await channel.stop();
    expect(channel.status().state).toBe("stopped");
    const polls = api.callsOf("getUpdates").length;
    expect(api.callsOf("getUpdates").at(-1)?.payload).toMatchObject({ offset: 2, limit: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(api.callsOf("getUpdates")).toHaveLength(polls);
  });

  it("finishes a turn in flight before stop() resolves", async () => {
    const inner = createMemorySessionStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered = false;
    const gated: SessionStore = { ...inner, get: async (k) => ((entered = true), await gate, inner.get(k)) };
    harness = await startHarness({ mode: "polling", sessions: gated });
    const { api, channel } = harness;
    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => entered);
    let stopped = false;
    const stopping = channel.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(api.texts()).toEqual([
      "Hello, I am Guardline.",
      "Nothing that identifies you is kept.",
      "Where do you live?",
    ]);
  });
});

describe("Telegram webhook while stopping", () => {
  it("answers 503 once stopped, so Telegram redelivers to a running instance", async () => {
    harness = await startHarness({ mode: "webhook" });
    await harness.channel.stop();
    expect((await harness.post(textUpdate(1, "/start"))).status).toBe(503);
    expect(harness.api.callsOf("sendMessage")).toHaveLength(0);
  });
});
