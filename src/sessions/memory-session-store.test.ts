import { createMemoryOnceStore } from "./once-store.ts";
import { createMemorySessionStore } from "./memory-session-store.ts";
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

  it("keeps the same state written for many conversations apart: each read is its own copy, each key its own life", async () => {
    let now = 1_000_000; // lru-cache reads a start time of 0 as "never expires"
    const store = createMemorySessionStore({ now: () => now });
    const state = { v: 2, at: { flow: "country", node: "region" }, vars: {}, history: [] as string[] };
    for (let i = 0; i < 1_500; i++) await store.set(`s:${i}`, state, i < 10 ? 30 : 60);
    const first = (await store.get("s:0")) as typeof state;
    first.history.push("changed");
    first.vars = { country: "TH" };
    expect(await store.get("s:1")).toEqual(state);
    expect(await store.get("s:1499")).toEqual(state);
    // One conversation moving on, expiring or erased leaves the others' shared text as it was.
    await store.set("s:2", { ...state, vars: { language: "th" } }, 60);
    await store.delete("s:3");
    now += 45_000;
    await new Promise((resolve) => setTimeout(resolve, 5)); // lru-cache reads the clock once a millisecond
    expect(await store.get("s:4")).toBeNull();
    expect(await store.get("s:2")).toEqual({ ...state, vars: { language: "th" } });
    expect(await store.get("s:3")).toBeNull();
    expect(await store.get("s:1200")).toEqual(state);
  });
});
