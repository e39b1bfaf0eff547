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
});
