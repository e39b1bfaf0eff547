import { describe, expect, it } from "vitest";
import { revokeWindowMs, SentMessages, type FindMessage } from "./sent-messages.ts";

/** A phone that knows some message ids and records how each was deleted. */
function phone(known: string[], refuse: string[] = []) {
  const log: string[] = [];
  const find: FindMessage = async (id) =>
    known.includes(id)
      ? {
          delete: async (everyone?: boolean) => {
            if (refuse.includes(id)) throw new Error("Evaluation failed");
            log.push(`${id}:${everyone ? "everyone" : "me"}`);
          },
        }
      : null;
  return { log, find };
}

const hour = 3600_000;

describe("SentMessages", () => {
  it("keeps the newest ids per chat and erases them once, through the client it is given", async () => {
    const sent = new SentMessages(2, 10);
    sent.track("s:a", "m1", 0, true);
    sent.track("s:a", "m2", 0, true);
    sent.track("s:a", "m3", 0, false);
    sent.track("s:b", "b1", 0, true);
    expect(sent.count("s:a")).toBe(2);
    const { log, find } = phone(["m1", "m2", "m3"], ["m2"]);
    expect(await sent.erase("s:a", find, hour)).toEqual({ revoked: 0, removedForBot: 1, failed: 1 });
    expect(log).toEqual(["m3:me"]);
    expect(await sent.erase("s:a", find, hour)).toEqual({ revoked: 0, removedForBot: 0, failed: 0 });
    expect(sent.count("s:b")).toBe(1);
  });

  it("revokes for everyone only inside WhatsApp's revoke window; older ones leave the bot's phone only", async () => {
    const sent = new SentMessages();
    const now = 100 * hour;
    sent.track("s:a", "fresh", now - hour, true);
    sent.track("s:a", "edge", now - revokeWindowMs, true);
    sent.track("s:a", "old", now - 61 * hour, true);
    sent.track("s:a", "theirs", now - hour, false);
    const { log, find } = phone(["fresh", "edge", "old", "theirs"]);
    expect(await sent.erase("s:a", find, now)).toEqual({ revoked: 1, removedForBot: 3, failed: 0 });
    expect(log.sort()).toEqual(["edge:me", "fresh:everyone", "old:me", "theirs:me"]);
  });

  it("messages WhatsApp no longer has, or no client to reach them, count as failed", async () => {
    const sent = new SentMessages();
    sent.track("s:a", "gone", 0, true);
    sent.track("s:b", "m", 0, true);
    expect(await sent.erase("s:a", phone([]).find, 1)).toEqual({ revoked: 0, removedForBot: 0, failed: 1 });
    expect(await sent.erase("s:b", null, 1)).toEqual({ revoked: 0, removedForBot: 0, failed: 1 });
  });

  it("forgets the least recently active chat beyond its bound", () => {
    const sent = new SentMessages(5, 2);
    for (const key of ["s:a", "s:b", "s:c"]) sent.track(key, `${key}-1`, 0, true);
    expect(["s:a", "s:b", "s:c"].map((k) => sent.count(k))).toEqual([0, 1, 1]);
  });
});
