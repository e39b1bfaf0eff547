/**
 * The turn pipeline with stores that fail: a person is always answered, and never told that
 * something was forgotten when it was not.
 */
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { loadOk, miniDir } from "../../test/support/content.ts";
import type { AnalyticsSink } from "../analytics/analytics-sink.ts";
import type { EngineEvent } from "../engine/index.ts";
import { createMemorySessionStore } from "../sessions/memory-session-store.ts";
import { createSessionKeyer } from "../sessions/session-key.ts";
import type { SessionStore } from "../sessions/session-store.ts";
import { testConversation } from "../../test/support/conversation.ts";
import type { ConversationDeps } from "./conversation.ts";

const content = loadOk(miniDir);
const keyer = createSessionKeyer("a-test-secret-of-32-characters!!");

function setup(overrides: Partial<ConversationDeps> = {}) {
  const lines: string[] = [];
  const events: EngineEvent[] = [];
  const analytics: AnalyticsSink = {
    record: (turn) => void events.push(...turn.events),
    flush: async () => {},
    close: async () => {},
  };
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
  const { conversation } = testConversation({
    keyer,
    analytics,
    sessionTtlSeconds: 60,
    logger,
    ...overrides,
  });
  const say = async (text: string) =>
    conversation.handle({
      channel: "test",
      chatId: "chat-4711",
      input: text === "/start" ? { type: "start", payload: { country: "NL" } } : { type: "text", text },
    });
  return { conversation, say, lines, events };
}

function failing(
  store: SessionStore,
  fail: { get?: boolean; set?: boolean; delete?: boolean },
): SessionStore {
  const down = async () => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
  };
  return {
    ...store,
    ...(fail.get ? { get: down } : {}),
    ...(fail.set ? { set: down } : {}),
    ...(fail.delete ? { delete: down } : {}),
  };
}

describe("conversation turn", () => {
  it("keeps state between turns", async () => {
    const { say } = setup();
    await say("/start");
    const reply = await say("1");
    expect(reply.replies.map((r) => r.text)).toEqual(["Tip one.", "More tips?"]);
  });

  it("answers from a fresh start when the session store cannot be read, and says why in the log", async () => {
    const { say, lines } = setup({ sessions: failing(createMemorySessionStore(), { get: true }) });
    const reply = await say("1");
    expect(reply.replies.length).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("session store unavailable; starting the conversation afresh");
    expect(lines.join("\n")).toContain("ECONNREFUSED");
  });

  it("still answers when the state cannot be saved", async () => {
    const { say, lines } = setup({ sessions: failing(createMemorySessionStore(), { set: true }) });
    const reply = await say("/start");
    expect(reply.replies.at(-1)!.text).toBe("What would you like to know?");
    expect(lines.join("\n")).toContain("this turn's state is not kept");
  });

  it("says so, instead of 'forgotten', when erasing fails", async () => {
    const sessions = failing(createMemorySessionStore(), { delete: true });
    const { say } = setup({ sessions });
    await say("/start");
    await say("erase");
    const reply = await say("yes");
    expect(reply.signal).toBeUndefined();
    expect(reply.replies.map((r) => r.text)).toEqual([content.translator.t("en", "common:erase_failed")]);
  });

  it("forgets on erase when the store works", async () => {
    const store = createMemorySessionStore();
    const { say } = setup({ sessions: store });
    await say("/start");
    await say("erase");
    const reply = await say("yes");
    expect(reply.signal).toBe("erase");
    expect(await store.get(keyer("test", "chat-4711"))).toBeNull();
  });

  it("speaks DEFAULT_LANGUAGE before the person chooses, when the platform gives no hint", async () => {
    const { conversation } = setup({ defaultLanguage: "nl" });
    const reply = await conversation.handle({
      channel: "test",
      chatId: "x",
      input: { type: "start", payload: { country: "NL" } },
    });
    expect(reply.language).toBe("nl");
    expect(reply.replies.at(-1)!.text).toBe("Waar wil je meer over weten?");
  });

  it("prefers the platform's language hint over DEFAULT_LANGUAGE", async () => {
    const { conversation } = setup({ defaultLanguage: "nl" });
    const reply = await conversation.handle({
      channel: "test",
      chatId: "y",
      input: { type: "start", payload: { country: "NL" } },
      languageHint: "en-GB",
    });
    expect(reply.language).toBe("en");
  });

  it("runs one chat's turns in order even when they arrive together", async () => {
    const { conversation } = setup();
    const send = (text: string) =>
      conversation.handle({ channel: "test", chatId: "z", input: { type: "text", text } });
    await conversation.handle({
      channel: "test",
      chatId: "z",
      input: { type: "start", payload: { country: "NL" } },
    });
    const [first, second] = await Promise.all([send("1"), send("1")]);
    expect(first!.replies.map((r) => r.text)).toEqual(["Tip one.", "More tips?"]);
    expect(second!.replies.map((r) => r.text)).toEqual(["Tip two.", "Was this helpful?"]);
  });

  it("logs no chat id and no typed text", async () => {
    const { say, lines } = setup({ sessions: failing(createMemorySessionStore(), { get: true, set: true }) });
    await say("my name is Wilhelmina");
    expect(lines.join("\n")).not.toMatch(/chat-4711|Wilhelmina/);
  });
});
