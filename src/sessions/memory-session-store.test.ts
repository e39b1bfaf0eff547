import { createMemoryOnceStore } from "./once-store.ts";
import { createMemorySessionStore } from "./memory-session-store.ts";
import { createSharedTexts } from "./shared-texts.ts";
import { describeSessionStoreContract } from "./session-store.contract.ts";
import { describe, expect, it } from "vitest";

describeSessionStoreContract("memory", async () => {
  let now = 1_000_000;
  return {
    sessions: createMemorySessionStore({ now: () => now }),
    once: createMemoryOnceStore({ now: () => now }),
    async elapse(ms) {
      now += ms;
    },
  };
});

describe("memory session store", () => {
  it("drops the least recently used conversation when full", async () => {
    const store = createMemorySessionStore({ max: 2 });
    await store.set("s:a", 1, 60);
    await store.set("s:b", 2, 60);
    await store.get("s:a");
    await store.set("s:c", 3, 60);
    expect(await store.get("s:b")).toBeNull();
    expect(await store.get("s:a")).toBe(1);
  });

  it("keeps one copy of a state many conversations are in, and none once no conversation holds it", async () => {
    let now = 1_000_000; // lru-cache reads a start time of 0 as "never expires"
    const texts = createSharedTexts();
    const store = createMemorySessionStore({ now: () => now, texts, purgeEveryMs: 20 });
    const state = { v: 2, at: { flow: "country", node: "region" }, vars: {}, history: [] as string[] };
    const text = JSON.stringify(state);
    for (let i = 0; i < 5; i++) await store.set(`s:${i}`, state, i < 2 ? 30 : 600);
    expect(texts.holders(text)).toBe(5);
    // Written again unchanged (a turn that did not move), it is still one holder.
    await store.set("s:0", state, 30);
    expect(texts.holders(text)).toBe(5);
    // Each read is a copy of its own.
    const first = (await store.get("s:0")) as typeof state;
    first.history.push("changed");
    expect(await store.get("s:4")).toEqual(state);

    await store.set("s:2", { ...state, vars: { language: "th" } }, 600); // moved on
    await store.delete("s:3"); // erased
    expect(texts.holders(text)).toBe(3);
    // Expired: gone from memory by the next purge, without being read or written again.
    now += 61_000;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(texts.holders(text)).toBe(1);
    expect(await store.get("s:0")).toBeNull();
    expect(await store.get("s:4")).toEqual(state);
    await store.delete("s:4");
    expect(texts.holders(text)).toBe(0);
    expect(texts.holders(JSON.stringify({ ...state, vars: { language: "th" } }))).toBe(1);
  });

  it("an undefined state deletes the conversation, as writing nothing would", async () => {
    const texts = createSharedTexts();
    const store = createMemorySessionStore({ texts });
    await store.set("s:a", { v: 2 }, 60);
    await store.set("s:a", undefined, 60);
    expect(await store.get("s:a")).toBeNull();
    expect(texts.holders(JSON.stringify({ v: 2 }))).toBe(0);
  });

  it("drops the oldest shared texts when its table is full, and a long text is never shared", () => {
    const texts = createSharedTexts({ max: 2, maxLength: 10 });
    texts.share("a");
    texts.share("b");
    texts.share("c");
    expect([texts.holders("a"), texts.holders("b"), texts.holders("c")]).toEqual([0, 1, 1]);
    expect(texts.share("x".repeat(11))).toBe("x".repeat(11));
    expect(texts.holders("x".repeat(11))).toBe(0);
    texts.forget("a"); // a holder the table lost track of: nothing to do
    expect(texts.holders("b")).toBe(1);
  });
});
