/** `npm run analytics -- report`: arguments and a missing database, in-process. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAnalyticsCli } from "../src/cli/analytics.ts";

const dir = mkdtempSync(join(tmpdir(), "guardline-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await runAnalyticsCli(args, (t) => (out += t), { DATA_DIR: join(dir, "data"), ...env });
  return { code, out };
}

describe("analytics CLI", () => {
  it("an unknown option prints the usage and exits 2", async () => {
    const { code, out } = await run(["report", "--form", "2025-01-01"]);
    expect(code).toBe(2);
    expect(out).toMatch(/Unknown option '--form'[\s\S]*Usage: npm run analytics -- report/);
  });

  it("an impossible date is refused", async () => {
    const { code, out } = await run(["report", "--from", "2025-02-30"]);
    expect(code).toBe(2);
    expect(out).toMatch(/from is not a date in the calendar/);
  });

  it("a mistyped DATA_DIR says there is no database and creates none", async () => {
    const { code, out } = await run(["report"], { DATA_DIR: join(dir, "dtaa") });
    expect(code).toBe(1);
    expect(out).toMatch(/No analytics database in DATA_DIR/);
    expect(existsSync(join(dir, "dtaa"))).toBe(false);
  });
});
