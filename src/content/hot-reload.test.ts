import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contentPaths } from "./load-content.ts";
import { createLogger } from "../logging/create-logger.ts";
import { ContentUnavailableError } from "./content-source.ts";
import { createHotContent, type HotContent } from "./hot-reload.ts";
import { channelDeclarations } from "../channels/limits.ts";

const mini = new URL("../../test/fixtures/mini", import.meta.url).pathname;
let hot: HotContent | undefined;
afterEach(() => hot?.close());

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "guardline-content-"));
  cpSync(mini, dir, { recursive: true });
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (l: string) => void lines.push(l) } });
  hot = createHotContent({ paths: contentPaths(dir), channels: channelDeclarations, logger, debounceMs: 50 });
  return { dir, lines, hot };
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("hot content", () => {
  it("is not ready, and says so, before a good version has loaded", () => {
    const { hot } = setup();
    expect(hot.status().ready).toBe(false);
    expect(() => hot.current()).toThrow(ContentUnavailableError);
  });

  it("refuses a broken file with file:line errors and keeps serving the last good version, then takes the fix", async () => {
    const { dir, lines, hot } = setup();
    expect(hot.reload()).toBe(true);
    hot.watch();
    const good = hot.current();
    const welcome = join(dir, "flows", "welcome.yaml");
    const original = readFileSync(welcome, "utf8");
    writeFileSync(welcome, original.replace("next: to_menu }", "next: nowhere_node }"));
    await until(() => hot.status().attemptedAt !== hot.status().loadedAt);
    expect(hot.status()).toMatchObject({ ready: true, lastLoadOk: false });
    expect(hot.status().errors.some((e) => /welcome\.yaml:\d+:\d+: error: .*nowhere_node/.test(e))).toBe(
      true,
    );
    expect(hot.current()).toBe(good);
    expect(lines.join("")).toMatch(/welcome\.yaml:\d+:\d+: error/);
    expect(lines.join("")).toContain("the last good version keeps serving");

    writeFileSync(welcome, original);
    writeFileSync(
      join(dir, "locales", "en", "welcome.json"),
      readFileSync(join(dir, "locales", "en", "welcome.json"), "utf8").replace(
        "Hello, I am Guardline.",
        "Hi, this is Guardline.",
      ),
    );
    await until(() => hot.status().lastLoadOk);
    expect(hot.current()).not.toBe(good);
    expect(hot.current().translator.t("en", "welcome:hello")).toBe("Hi, this is Guardline.");
  });

  it("refuses a file that is not even valid YAML", async () => {
    const { dir, hot } = setup();
    hot.reload();
    hot.watch();
    writeFileSync(join(dir, "flows", "menu.yaml"), "id: menu\nnodes: [\n  - broken");
    await until(() => hot.status().lastLoadOk === false);
    expect(hot.status().errors.join("\n")).toMatch(/menu\.yaml:\d+/);
    expect(hot.status().ready).toBe(true);
  });
});
