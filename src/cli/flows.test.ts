import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { miniDir, shippedDir } from "../../test/support/content.ts";
import { runFlowsCommand } from "./flows.ts";

const temp = mkdtempSync(join(tmpdir(), "guardline-flows-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function check(...args: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runFlowsCommand(args, (line) => lines.push(...line.split("\n")));
  return { code, lines };
}

function brokenMini(fixture: string): string {
  const dir = join(temp, fixture);
  cpSync(miniDir, dir, { recursive: true });
  cpSync(join(miniDir, "../broken", fixture), dir, {
    recursive: true,
    filter: (p) => !p.endsWith("expected.txt"),
  });
  return dir;
}

describe("npm run flows -- check output", () => {
  it("sums warnings up by kind, one line each, and lists them all with --verbose", () => {
    const short = check("check", miniDir);
    const all = check("check", miniDir, "--verbose");
    expect(short.code).toBe(0);
    expect(
      short.lines.filter(
        (l) => l.includes(": warning: missing-translation") || /warning: .*not translated/.test(l),
      ),
    ).toHaveLength(1);
    expect(short.lines.join("\n")).toContain("(+6 more missing-translation warning(s))");
    expect(all.lines.filter((l) => /warning: .*not translated/.test(l))).toHaveLength(7);
    expect(all.lines).toContain("Referral directory (kind: entries, oldest verification):");
  });

  it("prints only errors with --errors-only, with the line and a caret under the mistake", () => {
    const { code, lines } = check("check", brokenMini("yaml-missing-colon"), "--errors-only");
    expect(code).toBe(1);
    const at = lines.findIndex((l) =>
      l.includes("flows/menu.yaml:5:9: error: is not valid YAML: a missing colon"),
    );
    expect(lines.slice(at + 1, at + 3)).toEqual(["  5 |     type question", "    |         ^"]);
    expect(lines.some((l) => l.includes(": warning:"))).toBe(false);
    expect(lines.at(-1)).toMatch(/^✗ .*1 error\(s\)/);
  });

  it("keeps the shipped content's report short", () => {
    const { code, lines } = check("check", shippedDir);
    expect(code).toBe(0);
    expect(lines.length).toBeLessThan(40);
    expect(lines.at(-1)).toMatch(/^✓ \d+ flows, \d+ referral files, \d+ locales: 0 error\(s\)/);
  });

  it("answers --help with its usage and exit code 0, and a wrong option with exit code 2", () => {
    expect(check("--help").code).toBe(0);
    expect(check("--help").lines[0]).toContain("usage: npm run flows -- check");
    const wrong = check("check", "--strict");
    expect(wrong.code).toBe(2);
    expect(wrong.lines[0]).toContain("--strict");
  });
});
