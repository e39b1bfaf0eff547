import { describe, expect, it } from "vitest";
import { createFallbackSessionStore } from "./fallback-session-store.ts";
import { createMemorySessionStore } from "./memory-session-store.ts";
import type { SessionStore } from "./session-store.ts";

/** A primary that can be switched off: every call then fails, or hangs like a dead TCP peer. */
function switchable() {
  const inner = createMemorySessionStore();
  const state = { mode: "up" as "up" | "failing" | "hanging" };
  const guard = <T>(op: () => Promise<T>): Promise<T> =>
    state.mode === "up"
      ? op()
      : state.mode === "failing"
        ? Promise.reject(new Error("ECONNREFUSED"))
        : new Promise<T>(() => {});
  const primary: SessionStore = {
    get: (k) => guard(() => inner.get(k)),
    set: (k, v, t) => guard(() => inner.set(k, v, t)),
    delete: (k) => guard(() => inner.delete(k)),
    ping: async () => state.mode === "up",
    close: async () => {},
  };
  return { primary, inner, state };
}

describe("fallback session store", () => {
  it("answers from the local copy at once when Redis hangs, then keeps the newer state when it is back", async () => {
    const { primary, inner, state } = switchable();
    const store = createFallbackSessionStore(primary, { timeoutMs: 30, retryMs: 50 });
    await store.set("s:a", { at: "q1" }, 60);
    state.mode = "hanging";
    const started = Date.now();
    expect(await store.get("s:a")).toEqual({ at: "q1" });
    await store.set("s:a", { at: "q2" }, 60);
    expect(Date.now() - started).toBeLessThan(200);
    expect(store.degraded()).toBe(true);
    expect(await store.get("s:a")).toEqual({ at: "q2" });
    state.mode = "up";
    await new Promise((r) => setTimeout(r, 60));
    // Redis still holds q1 (written before the outage); q2 is newer and wins, and is written back.
    expect(await store.get("s:a")).toEqual({ at: "q2" });
    expect(store.degraded()).toBe(false);
    expect(await inner.get("s:a")).toMatchObject({ value: { at: "q2" } });
  });

  it("never resumes an older Redis state once a turn ran on the fallback whose copy is gone", async () => {
    let now = 1_000_000;
    const { primary, inner, state } = switchable();
    const store = createFallbackSessionStore(primary, { retryMs: 1000, localTtlSeconds: 60, now: () => now });
    await store.set("s:a", { at: "q5" }, 3600);
    state.mode = "failing";
    now += 61_000; // the local copy expired: the person restarted during the outage
    expect(await store.get("s:a")).toBeNull();
    await store.set("s:a", { at: "welcome" }, 3600);
    now += 61_000; // and that copy expired too before Redis came back
    state.mode = "up";
    expect(await store.get("s:a")).toBeNull();
    expect(await inner.get("s:a")).toBeNull();
  });

  it("keeps a state another instance wrote after this one's outage turn", async () => {
    let now = 1_000_000;
    const { primary, inner, state } = switchable();
    const store = createFallbackSessionStore(primary, { retryMs: 1000, now: () => now });
    state.mode = "failing";
    await store.set("s:a", { at: "here" }, 3600);
    now += 5000;
    await inner.set("s:a", { gv: now, value: { at: "there" } }, 3600);
    state.mode = "up";
    expect(await store.get("s:a")).toEqual({ at: "there" });
  });

  it("tells each conversation once per outage, and reads values written before versioning", async () => {
    let now = 1_000_000;
    const { primary, inner, state } = switchable();
    await inner.set("s:old", { at: "q1" }, 60);
    const store = createFallbackSessionStore(primary, { retryMs: 1000, now: () => now });
    expect(await store.get("s:old")).toEqual({ at: "q1" });
    expect(store.takeOutageNotice("s:old")).toBe(false);
    state.mode = "failing";
    await store.get("s:a");
    expect(store.takeOutageNotice("s:a")).toBe(true);
    await store.get("s:a");
    expect(store.takeOutageNotice("s:a")).toBe(false);
    state.mode = "up";
    now += 1001;
    await store.get("s:a");
    state.mode = "failing";
    now += 1001;
    await store.get("s:a");
    expect(store.takeOutageNotice("s:a")).toBe(true);
  });

  it("does not pretend to erase while Redis is down", async () => {
    const { primary, inner, state } = switchable();
    const store = createFallbackSessionStore(primary, { retryMs: 1000 });
    await store.set("s:a", { at: "q1" }, 60);
    state.mode = "failing";
    await expect(store.delete("s:a")).rejects.toThrow(/cannot erase/);
    state.mode = "up";
    expect(await inner.get("s:a")).not.toBeNull();
  });
});
