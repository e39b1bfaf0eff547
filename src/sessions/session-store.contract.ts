/**
 * The contract every SessionStore and OnceStore passes (memory always, Redis when TEST_REDIS_URL
 * is set). `elapse` moves time forward: a fake clock for memory, a real wait for Redis.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { OnceStore } from "./once-store.ts";
import type { SessionStore } from "./session-store.ts";

export interface StoreFixture {
  sessions: SessionStore;
  once: OnceStore;
  elapse(ms: number): Promise<void>;
  cleanup?(): Promise<void>;
}

export function describeSessionStoreContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`SessionStore contract: ${name}`, () => {
    const fixtures: StoreFixture[] = [];
    const fresh = async () => {
      const f = await make();
      fixtures.push(f);
      return f;
    };
    afterAll(async () => {
      for (const f of fixtures) await f.cleanup?.();
    });

    it("answers null for a key never written", async () => {
      const { sessions } = await fresh();
      expect(await sessions.get("s:none")).toBeNull();
    });

    it("returns an equal copy of what was stored, never the same object", async () => {
      const { sessions } = await fresh();
      const value = { v: 1, at: { flow: "menu", node: "pick" }, vars: { language: "nl" }, list: [1, 2] };
      await sessions.set("s:a", value, 60);
      const read = await sessions.get("s:a");
      expect(read).toEqual(value);
      expect(read).not.toBe(value);
      value.vars.language = "en";
      expect(await sessions.get("s:a")).toMatchObject({ vars: { language: "nl" } });
    });

    it("overwrites, keeps keys apart and deletes", async () => {
      const { sessions } = await fresh();
      await sessions.set("s:a", { n: 1 }, 60);
      await sessions.set("s:b", { n: 2 }, 60);
      await sessions.set("s:a", { n: 3 }, 60);
      expect(await sessions.get("s:a")).toEqual({ n: 3 });
      await sessions.delete("s:a");
      await sessions.delete("s:never-written");
      expect(await sessions.get("s:a")).toBeNull();
      expect(await sessions.get("s:b")).toEqual({ n: 2 });
    });

    it("forgets a value after its time to live, and a write restarts the clock", async () => {
      const { sessions, elapse } = await fresh();
      await sessions.set("s:short", { n: 1 }, 1);
      await sessions.set("s:renewed", { n: 1 }, 2);
      await elapse(1200);
      await sessions.set("s:renewed", { n: 2 }, 2);
      expect(await sessions.get("s:short")).toBeNull();
      await elapse(1200);
      expect(await sessions.get("s:renewed")).toEqual({ n: 2 });
    });

    it("answers ping", async () => {
      const { sessions } = await fresh();
      expect(await sessions.ping()).toBe(true);
    });

    it("claims an id once, until it expires", async () => {
      const { once, elapse } = await fresh();
      expect(await once.claim("telegram:1:100", 1)).toBe(true);
      expect(await once.claim("telegram:1:100", 1)).toBe(false);
      expect(await once.claim("telegram:1:101", 1)).toBe(true);
      await elapse(1200);
      expect(await once.claim("telegram:1:100", 1)).toBe(true);
    });
  });
}
