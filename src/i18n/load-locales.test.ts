import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isConsoleNamespace, loadLocales } from "./load-locales.ts";

const localesDir = new URL("../../locales", import.meta.url).pathname;

describe("loadLocales", () => {
  it("leaves the staff console's texts out of the bot's content", () => {
    expect(existsSync(join(localesDir, "en", "console_pages.json"))).toBe(true);
    const loaded = loadLocales(localesDir);
    expect(Object.keys(loaded.resources.en!)).not.toContain("console_pages");
    expect(Object.keys(loaded.resources.en!)).toContain("common");
    expect(isConsoleNamespace("console.json")).toBe(true);
    expect(isConsoleNamespace("consoles_of_mine.yaml")).toBe(false);
    expect(isConsoleNamespace("common.json")).toBe(false);
  });
});
