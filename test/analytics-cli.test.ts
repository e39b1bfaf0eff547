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

  it("--help prints what each filter accepts and exits 0", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/--channel +telegram, whatsapp_web, whatsapp_cloud, simulator/);
  });

  it.each([
    [["--channel", "telegrm"], /^--channel telegrm is not a channel Guardline knows; use one of: telegram, /],
    [["--locale", "pt_BR"], /^--locale pt_BR is not a locale Guardline knows; use one of: en, nl, es, pt-BR/],
    [["--country", "XX"], /^--country XX is not a country Guardline knows; use one of: .*\bNL\b/],
  ])("refuses %j instead of showing zeros", async (args, message) => {
    const { code, out } = await run(["report", ...args]);
    expect(code).toBe(2);
    expect(out).toMatch(message);
  });

  it("says in one sentence that the database is down, not Prisma's invocation text", async () => {
    const { code, out } = await run(["report"], { DATABASE_URL: "postgresql://x@127.0.0.1:1/x" });
    expect(code).toBe(1);
    expect(out).toMatch(/^No report: cannot connect to PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/);
    expect(out).not.toContain("prisma");
    expect(out.split("\n")).toHaveLength(1);
  });
});
