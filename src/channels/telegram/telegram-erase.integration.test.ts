/** Integration: "erase" forgets the conversation and deletes the chat's messages where Telegram allows. */
import { afterEach, describe, expect, it } from "vitest";
import { createSessionKeyer } from "../../sessions/session-key.ts";
import { sessionSecret, startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import { privateChatId, textUpdate } from "../../../test/support/telegram/updates.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const keyer = createSessionKeyer(sessionSecret);
const hour = 3600_000;

describe("Telegram erase", () => {
  it("deletes the bot's and the person's messages, forgets the session and says what was removed", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    harness = await startHarness({ mode: "webhook", now: () => now });
    const start = textUpdate(1, "/start");
    await harness.post(start);
    await harness.channel.idle();
    expect(await harness.sessions.get(keyer("telegram", String(privateChatId)))).not.toBeNull();
    now += hour;
    const erase = textUpdate(2, "/erase");
    await harness.post(erase);
    await harness.channel.idle();
    // Erase asks first; its question is one of the bot's messages that go too.
    const sentIds = harness.api.callsOf("sendMessage").map((_, i) => 1000 + i);
    const yes = textUpdate(3, "yes");
    await harness.post(yes);
    await harness.channel.idle();
    const deleted = harness.api.callsOf("deleteMessages").flatMap((c) => c.payload.message_ids as number[]);
    expect(deleted.sort()).toEqual(
      [start.message!.message_id, erase.message!.message_id, yes.message!.message_id, ...sentIds].sort(),
    );
    expect(harness.api.callsOf("deleteMessages")[0]?.payload.chat_id).toBe(privateChatId);
    const texts = harness.api.texts();
    expect(texts).toContain("Done. I have forgotten this conversation.");
    expect(texts.at(-1)).toMatch(
      /^I deleted 7 message\(s\) in this chat\.\nOlder messages stay on your phone/,
    );
    expect(await harness.sessions.get(keyer("telegram", String(privateChatId)))).toBeNull();
    expect(await harness.sessions.get(keyer("telegram-messages", String(privateChatId)))).toBeNull();
  });

  it("does not try messages older than 48 hours and reports them", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    harness = await startHarness({ mode: "webhook", now: () => now });
    await harness.post(textUpdate(1, "/start"));
    await harness.channel.idle();
    now += 49 * hour;
    await harness.post(textUpdate(2, "/erase"));
    await harness.channel.idle();
    await harness.post(textUpdate(3, "yes"));
    await harness.channel.idle();
    // The erase command, its question and the yes are recent; the rest is too old.
    expect(
      harness.api.callsOf("deleteMessages").flatMap((c) => c.payload.message_ids as number[]),
    ).toHaveLength(3);
    expect(harness.api.texts().at(-1)).toContain(
      "4 message(s) are older than 48 hours, and Telegram does not let me delete those.",
    );
  });

  it("reports messages Telegram refused to delete", async () => {
    harness = await startHarness({ mode: "webhook" });
    harness.api.failNext("deleteMessages", {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: message can't be deleted" },
    });
    await harness.post(textUpdate(1, "/start"));
    await harness.post(textUpdate(2, "erase"));
    await harness.post(textUpdate(3, "yes"));
    await harness.channel.idle();
    expect(harness.api.texts().at(-1)).toMatch(
      /^I deleted 0 message\(s\) in this chat\.\n7 message\(s\) could not be deleted\./,
    );
  });
});
