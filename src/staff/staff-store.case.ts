/** The contract every StaffStore keeps; run against memory, PGlite and PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import type { StaffStore } from "./staff-store.ts";

export function describeStaffStoreContract(name: string, open: () => Promise<StaffStore>): void {
  describe(`StaffStore contract: ${name}`, () => {
    let store: StaffStore;
    beforeAll(async () => {
      store = await open();
    });

    it("creates, finds, lists, changes and removes accounts; names are unique", async () => {
      expect(await store.create({ name: "amira", role: "admin", passwordHash: "h1" })).toBe(true);
      expect(await store.create({ name: "amira", role: "viewer", passwordHash: "h2" })).toBe(false);
      expect(await store.create({ name: "bo", role: "viewer", passwordHash: "h3" })).toBe(true);
      expect((await store.find("amira"))?.role).toBe("admin");
      expect(await store.find("nobody")).toBeNull();
      expect((await store.list()).map((a) => a.name)).toEqual(["amira", "bo"]);
      expect(await store.count()).toBe(2);
      expect(await store.setPassword("bo", "h4")).toBe(true);
      expect((await store.find("bo"))?.passwordHash).toBe("h4");
      expect(await store.setPassword("nobody", "h5")).toBe(false);
      expect(await store.remove("bo")).toBe(true);
      expect(await store.remove("bo")).toBe(false);
      expect(await store.count()).toBe(1);
    });

    it("keeps the audit log newest first", async () => {
      await store.audit({ actor: "amira", action: "account_created", subject: "bo" });
      await store.audit({ actor: "amira", action: "pairing_started", subject: "" });
      const log = await store.auditLog(10);
      expect(log.map((e) => e.action)).toEqual(["pairing_started", "account_created"]);
      expect(log[1]).toMatchObject({ actor: "amira", subject: "bo" });
      expect(log[0]!.at).toBeInstanceOf(Date);
    });

    it("keeps created campaigns once each", async () => {
      expect(await store.addCampaign("school_visits", "amira")).toBe(true);
      expect(await store.addCampaign("school_visits", "bo")).toBe(false);
      expect((await store.campaigns()).map((c) => [c.name, c.createdBy])).toEqual([
        ["school_visits", "amira"],
      ]);
    });
  });
}
