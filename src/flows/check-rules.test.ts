/**
 * Every checker rule has a broken fixture (test/fixtures/broken/<rule>/: files laid over a copy of
 * test/fixtures/mini) and asserts the exact `file:line:col: severity` it reports. expected.txt
 * holds that prefix followed by words the message must contain.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { miniDir } from "../../test/support/content.ts";
import { contentPaths, loadContent } from "./load-content.ts";
import { formatProblem } from "./problem.ts";

const brokenDir = new URL("../../test/fixtures/broken", import.meta.url).pathname;
const rules = readdirSync(brokenDir).sort();
const temp = mkdtempSync(join(tmpdir(), "guardline-broken-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Copies the mini content and lays the rule's files over it. */
function brokenCopy(rule: string): string {
  const dir = join(temp, rule);
  cpSync(miniDir, dir, { recursive: true });
  cpSync(join(brokenDir, rule), dir, { recursive: true, filter: (p) => !p.endsWith("expected.txt") });
  return dir;
}

describe("flows check rules", () => {
  it("has a fixture for each rule", () => {
    expect(rules.length).toBeGreaterThanOrEqual(28);
  });

  it("finds nothing wrong in the mini fixture it starts from", () => {
    const content = loadContent(contentPaths(miniDir), { today: new Date("2026-11-29") });
    expect(content.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it.each(rules)("%s", (rule) => {
    const dir = brokenCopy(rule);
    const [expected] = readFileSync(join(brokenDir, rule, "expected.txt"), "utf8").trim().split("\n");
    const match = /^(\S+:\d+:\d+: (?:error|warning): )(.*)$/.exec(expected!)!;
    const content = loadContent(contentPaths(dir), { today: new Date("2026-11-29") });
    const lines = content.problems.map((p) => formatProblem({ ...p, file: relative(dir, p.file) }));
    const hit = lines.find((line) => line.startsWith(match[1]!));
    expect(hit, `expected a line starting "${match[1]}" among:\n${lines.join("\n")}`).toBeDefined();
    expect(hit).toContain(match[2]);
    if (match[1]!.includes(": error: ")) expect(content.bundle).toBeNull();
  });
});
