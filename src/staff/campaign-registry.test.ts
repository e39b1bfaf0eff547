import pino from "pino";
import { describe, expect, it } from "vitest";
import { createCampaignRegistry } from "./campaign-registry.ts";
import { createMemoryStaffStore } from "./staff-store.ts";

describe("campaign registry", () => {
  it("knows created campaigns after a refresh, and added ones at once", async () => {
    const store = createMemoryStaffStore();
    await store.addCampaign("school_visits", "amira");
    const registry = createCampaignRegistry(store, pino({ level: "silent" }));
    expect(registry.has("school_visits")).toBe(false);
    await registry.refresh();
    expect(registry.has("school_visits")).toBe(true);
    registry.add("clinic_posters");
    expect(registry.has("clinic_posters")).toBe(true);
    expect(registry.has("other")).toBe(false);
  });

  it("keeps what it knew while the database is not open", async () => {
    const store = createMemoryStaffStore();
    const registry = createCampaignRegistry(
      { ...store, campaigns: () => Promise.reject(new Error("not open")) },
      pino({ level: "silent" }),
    );
    registry.add("a");
    await registry.refresh();
    expect(registry.has("a")).toBe(true);
  });
});
