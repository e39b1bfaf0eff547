/**
 * Every checker rule has a broken fixture (test/fixtures/broken/<name>/: files laid over a copy of
 * test/fixtures/mini, or a whole content folder when it holds a `.standalone` file) and asserts
 * the exact `file:line:col: severity` it reports. expected.txt holds that prefix followed by words
 * the message must contain; a second line `only` says the mistake must be the only error and add
 * no warning to those of the mini fixture (no cascade). A rule in rules.ts that no fixture fires
 * fails the suite.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { miniDir } from "../../test/support/content.ts";
import { contentPaths, loadContent } from "./load-content.ts";
import { formatProblem } from "./files/problem.ts";
import { ruleIds, type RuleId } from "./files/rules.ts";
import { channelDeclarations } from "../channels/limits.ts";

const brokenDir = new URL("../../test/fixtures/broken", import.meta.url).pathname;
const rules = readdirSync(brokenDir).sort();
const temp = mkdtempSync(join(tmpdir(), "guardline-broken-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Copies the mini content and lays the fixture's files over it (or takes a standalone fixture as it is). */
function brokenCopy(name: string): string {
  const dir = join(temp, name);
  if (!existsSync(join(brokenDir, name, ".standalone"))) cpSync(miniDir, dir, { recursive: true });
  cpSync(join(brokenDir, name), dir, {
    recursive: true,
    filter: (p) => !p.endsWith("expected.txt") && !p.endsWith(".standalone"),
  });
  return dir;
}

const fired = new Set<RuleId>();
const today = new Date("2026-11-29");
const baseline = loadContent(contentPaths(miniDir), { channels: channelDeclarations, today }).problems.map(
  (p) => formatProblem({ ...p, file: relative(miniDir, p.file) }),
);

describe("flows check rules", () => {
  it("finds nothing wrong in the mini fixture it starts from", () => {
    const content = loadContent(contentPaths(miniDir), { channels: channelDeclarations, today });
    expect(content.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it.each(rules)("%s", (rule) => {
    const dir = brokenCopy(rule);
    const [expected, only] = readFileSync(join(brokenDir, rule, "expected.txt"), "utf8")
      .trim()
      .split("\n");
    const match = /^(\S+:\d+:\d+: (?:error|warning): )(.*)$/.exec(expected!)!;
    const content = loadContent(contentPaths(dir), { channels: channelDeclarations, today });
    const lines = content.problems.map((p) => formatProblem({ ...p, file: relative(dir, p.file) }));
    const hit = lines.find((line) => line.startsWith(match[1]!));
    expect(hit, `expected a line starting "${match[1]}" among:\n${lines.join("\n")}`).toBeDefined();
    expect(hit).toContain(match[2]);
    if (match[1]!.includes(": error: ")) expect(content.bundle).toBeNull();
    if (only === "only") expect(lines.filter((line) => line !== hit && !baseline.includes(line))).toEqual([]);
    fired.add(content.problems[lines.indexOf(hit!)]!.rule);
  });

  it("has a fixture that fires every rule", () => {
    expect(ruleIds.filter((rule) => !fired.has(rule))).toEqual([]);
  });
});
