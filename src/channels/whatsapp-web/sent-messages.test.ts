import { describe, expect, it } from "vitest";
import { SentMessages } from "./sent-messages.ts";

const message = (log: string[], name: string, fail = false) => ({
  delete: async (everyone?: boolean) => {
    if (fail) throw new Error("too old to revoke");
    log.push(`${name}:${everyone ? "everyone" : "me"}`);
  },
});

describe("SentMessages", () => {
  it("keeps the newest messages per chat, erases them once, and counts refusals", async () => {
    const log: string[] = [];
    const sent = new SentMessages(2, 10);
    sent.track("s:a", message(log, "1"), true);
    sent.track("s:a", message(log, "2", true), true);
    sent.track("s:a", message(log, "3"), false);
    sent.track("s:b", message(log, "b1"), true);
    expect(sent.count("s:a")).toBe(2);
    expect(await sent.erase("s:a")).toEqual({ deleted: 1, failed: 1 });
    expect(log).toEqual(["3:me"]);
    expect(await sent.erase("s:a")).toEqual({ deleted: 0, failed: 0 });
    expect(sent.count("s:b")).toBe(1);
  });

  it("forgets the least recently active chat beyond its bound", () => {
    const sent = new SentMessages(5, 2);
    for (const key of ["s:a", "s:b", "s:c"]) sent.track(key, message([], key), true);
    expect(["s:a", "s:b", "s:c"].map((k) => sent.count(k))).toEqual([0, 1, 1]);
  });
});
