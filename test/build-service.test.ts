/**
 * The bundle `npm start` runs (scripts/build-service.mjs): built from a small source tree of its
 * own here, so the test can change a source and see the bundle go stale, and check that a
 * bundled module still finds the files beside its source (import.meta.url kept per module).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript script without type declarations
import { buildService, bundlePath, isStale } from "../scripts/build-service.mjs";

const root = mkdtempSync(join(tmpdir(), "guardline-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
}

write("tsconfig.json", JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true } }));
write(
  "src/main.ts",
  `import { readFileSync } from "node:fs";
import { greeting } from "./parts/greeting.ts";
export function runFromCommandLine(): void {
  const beside = readFileSync(new URL("./parts/beside.txt", import.meta.url), "utf8").trim();
  // Loaded on use, from a chunk of its own, as WhatsApp Web and the translation formats are.
  void import("./parts/later.ts").then(({ later }) =>
    process.stdout.write(JSON.stringify({ greeting: greeting(), beside, url: import.meta.url, later: later() })),
  );
}
`,
);
write("src/parts/later.ts", `export const later = (): string => import.meta.url;\n`);
write("src/parts/greeting.ts", `export const greeting = (): string => "hello";\n`);
write("src/parts/beside.txt", "found beside main.ts\n");

const run = () => JSON.parse(execFileSync(process.execPath, [bundlePath(root)], { encoding: "utf8" }));

describe("the service bundle", () => {
  it("is stale before it is built, runs the entry, and keeps each module's own import.meta.url", async () => {
    expect(isStale(root)).toBe(true);
    await buildService(root);
    expect(isStale(root)).toBe(false);
    expect(run()).toEqual({
      greeting: "hello",
      beside: "found beside main.ts",
      url: pathToFileURL(join(root, "src/main.ts")).href,
      later: pathToFileURL(join(root, "src/parts/later.ts")).href,
    });
    expect(readdirSync(join(root, "dist/chunks")).some((name) => name.startsWith("later-"))).toBe(true);
  });

  it("goes stale when a source changes after the build, and the rebuilt bundle runs the change", async () => {
    await buildService(root);
    write("src/parts/greeting.ts", `export const greeting = (): string => "hello again";\n`);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, "src/parts/greeting.ts"), later, later);
    expect(isStale(root)).toBe(true);
    await buildService(root);
    expect(run().greeting).toBe("hello again");
  });
});
