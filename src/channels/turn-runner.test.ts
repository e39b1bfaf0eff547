/**
 * The runner's entry for a durable inbound queue: a fresh entry records its messages and how many
 * were sent; a retried one resumes after the messages already sent, without running the turn again.
 */
import { describe, expect, it } from "vitest";
import {
  InboundUnavailableError,
  type EntryProgress,
  type InboundEntry,
  type InboundHandle,
} from "../inbound/inbound-queue.ts";
import { createMemoryOnceStore } from "../sessions/once-store.ts";
import { captureLogs, testKeyer } from "../../test/channel-contract/support.ts";
import { recordingObserver } from "../../test/support/recording-observer.ts";
import { testConversation } from "../../test/support/conversation.ts";
import { terminalAdapter } from "./terminal/terminal-adapter.ts";
import { createTurnRunner } from "./turn-runner.ts";

function setup() {
  const shown: string[] = [];
  const submitted: InboundEntry[] = [];
  const observer = recordingObserver();
  const { conversation } = testConversation({ keyer: testKeyer });
  const deps = {
    conversation,
    keyer: testKeyer,
    logger: captureLogs().logger,
    once: createMemoryOnceStore(),
    dedupeSeconds: 60,
    observer,
  };
  const runner = createTurnRunner(
    terminalAdapter((text) => shown.push(text)),
    deps,
  );
  const queued = createTurnRunner(
    terminalAdapter(() => {}),
    {
      ...deps,
      inbound: { submit: async (entry) => (submitted.push(entry), true) },
    },
  );
  return { runner, queued, shown, submitted, observer, deps };
}

function handleOf(entry: InboundEntry, progress: EntryProgress, attempt = 1) {
  const recorded: { replies: unknown[] | null; sent: number[] } = { replies: null, sent: [] };
  const handle: InboundHandle = {
    entry,
    attempt,
    progress: async () => progress,
    recordReplies: async (replies) => void (recorded.replies = replies),
    recordSent: async (count) => void recorded.sent.push(count),
  };
  return { handle, recorded };
}

const start = { chatId: "chat-9", input: { type: "start" as const, payload: { country: "NL" } } };

describe("turn runner: entries of a durable queue", () => {
  it("a fresh entry runs the turn, records its messages, then each one sent", async () => {
    const { runner, shown, observer } = setup();
    const { handle, recorded } = handleOf(runner.entryOf({ id: "1", inbound: start }), {
      replies: null,
      sent: 0,
    });
    await runner.handle(handle);
    expect(recorded.replies).toEqual(shown);
    expect(recorded.sent).toEqual(shown.map((_, i) => i + 1));
    expect(observer.count("turn simulator answered")).toBe(1);
    expect(observer.count("sent")).toBe(shown.length);
  });

  it("a retried entry resumes after what was sent and does not run the turn again", async () => {
    const { runner, shown } = setup();
    const entry = runner.entryOf({ id: "1", inbound: start });
    const { handle } = handleOf(entry, { replies: ["one", "two", "three"], sent: 1 }, 2);
    await runner.handle(handle);
    expect(shown).toEqual(["two", "three"]);
    // The conversation did not move on: a new start is still the first turn.
    const fresh = handleOf(runner.entryOf({ id: "2", inbound: start }), { replies: null, sent: 0 });
    await runner.handle(fresh.handle);
    expect(shown[2]).toBe("Hello, I am Guardline.");
  });

  it("with a durable queue, accept() submits the entry: keyed hashes, no raw delivery id", async () => {
    const { queued, submitted } = setup();
    expect(await queued.accept({ id: "wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQz", inbound: start })).toBe(true);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ channel: "simulator", payload: start });
    expect(JSON.stringify(submitted[0]!.dedupeKey)).not.toContain("wamid");
    expect(submitted[0]!.chatKey).not.toContain("chat-9");
  });

  it("a queue that refuses the entry (shutting down) says so with InboundUnavailableError (the webhook's 503)", async () => {
    const { deps } = setup();
    const refused = new InboundUnavailableError(new Error("stopping"));
    const refusing = createTurnRunner(
      terminalAdapter(() => {}),
      {
        ...deps,
        inbound: { submit: async () => Promise.reject(refused) },
      },
    );
    await expect(refusing.accept({ id: "1", inbound: start })).rejects.toBe(refused);
  });

  it("a queue whose store is unreachable leaves the turn to this process: answered now, once", async () => {
    const { deps } = setup();
    const shown: string[] = [];
    const unreachable = createTurnRunner(
      terminalAdapter((text) => shown.push(text)),
      {
        ...deps,
        inbound: { submit: async () => Promise.reject(new Error("ECONNREFUSED")) },
      },
    );
    expect(await unreachable.accept({ id: "1", inbound: start })).toBe(true);
    expect(await unreachable.accept({ id: "1", inbound: start })).toBe(false);
    await unreachable.idle();
    expect(shown[0]).toBe("Hello, I am Guardline.");
  });
});
