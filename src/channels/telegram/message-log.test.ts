import { describe, expect, it } from "vitest";
import { createMemorySessionStore } from "../../sessions/memory-session-store.ts";
import { createSessionKeyer } from "../../sessions/session-key.ts";
import { createMessageLog, deletableSeconds, maxLoggedMessages } from "./message-log.ts";

const keyer = createSessionKeyer("message-log-test-secret");
const chat = 424242;

function setUp() {
  const sessions = createMemorySessionStore();
  return { sessions, log: createMessageLog(sessions, keyer, 3600) };
}

describe("Telegram message log", () => {
  it("remembers the ids of a chat until taken, and lets go of those too old to delete", async () => {
    const { log } = setUp();
    await log.add(chat, [1, 2], 1_000);
    await log.add(chat, [3], 1_000 + deletableSeconds - 1);
    await log.add(chat, [4], 1_000 + deletableSeconds + 1);
    expect(await log.take(chat)).toEqual({
      messages: [
        { id: 3, at: 1_000 + deletableSeconds - 1 },
        { id: 4, at: 1_000 + deletableSeconds + 1 },
      ],
      expired: 2,
    });
    expect(await log.take(chat)).toEqual({ messages: [], expired: 0 });
  });

  it("keeps at most the newest maxLoggedMessages, counting the rest as let go", async () => {
    const { log } = setUp();
    const ids = Array.from({ length: maxLoggedMessages + 7 }, (_, i) => i + 1);
    for (let i = 0; i < ids.length; i += 3) await log.add(chat, ids.slice(i, i + 3), 5_000);
    const taken = await log.take(chat);
    expect(taken.messages).toHaveLength(maxLoggedMessages);
    expect(taken.messages[0]!.id).toBe(8);
    expect(taken.messages.at(-1)!.id).toBe(ids.length);
    expect(taken.expired).toBe(7);
  });

  it("reads a log stored by the previous version, and treats a malformed one as empty", async () => {
    const { sessions, log } = setUp();
    const key = keyer("telegram-messages", String(chat));
    await sessions.set(
      key,
      {
        v: 1,
        m: [
          [10, 2_000],
          [11, 2_001],
        ],
        o: 3,
      },
      3600,
    );
    await log.add(chat, [12], 2_002);
    expect(await log.take(chat)).toEqual({
      messages: [
        { id: 10, at: 2_000 },
        { id: 11, at: 2_001 },
        { id: 12, at: 2_002 },
      ],
      expired: 3,
    });
    for (const broken of [
      { v: 2, m: [1, 2, 3], o: 0 },
      { v: 2, m: [1, "2"], o: 0 },
      { v: 2, m: [1, 2] },
      "x",
    ]) {
      await sessions.set(key, broken, 3600);
      expect(await log.take(chat)).toEqual({ messages: [], expired: 0 });
    }
  });
});
