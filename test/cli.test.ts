/**
 * The staff commands as staff run them: real processes, real files. Slower than the in-process
 * tests, so only the contract is checked here: exit codes and the shape of what is printed.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { miniDir } from "./support/content.ts";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const tsx = join(root, "node_modules/.bin/tsx");
const temp = mkdtempSync(join(tmpdir(), "guardline-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function cli(
  script: string,
  args: string[],
  input?: string,
): Promise<{ code: number; stdout: string }> {
  const child = run(tsx, [join(root, "src/cli", script), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout } = await child;
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe("npm run flows -- check", () => {
  it("exits 0 on good content and prints coverage per locale", async () => {
    const { code, stdout } = await cli("flows.ts", ["check", miniDir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}en +English +100% /m);
    expect(stdout).toMatch(/^ {2}nl +Nederlands +\d+% .*needs-native-review$/m);
    expect(stdout).toMatch(/✓ 6 flows, 2 referral files, 2 locales: 0 error\(s\)/);
  });

  it("exits 1 with file:line:col errors on a broken flow directory", async () => {
    const dir = join(temp, "broken");
    cpSync(miniDir, dir, { recursive: true });
    cpSync(join(root, "test/fixtures/broken/unknown-node"), dir, { recursive: true });
    const { code, stdout } = await cli("flows.ts", ["check", join(dir, "flows")]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /flows\/feedback\.yaml:9:35: error: node `helpful` goes to `thank_you`, which is not a node in this flow/,
    );
    expect(stdout).toMatch(/✗ .*: 1 error\(s\)/);
  });

  it("explains its usage on unknown arguments", async () => {
    const { code, stdout } = await cli("flows.ts", ["lint"]);
    expect(code).toBe(2);
    expect(stdout).toContain("usage: npm run flows -- check");
  });
});

describe("npm run chat", () => {
  it("reads one message per line when input is piped and prints the replies", async () => {
    const { code, stdout } = await cli(
      "chat.ts",
      ["--lang", "en", "--country", "NL", "--dir", miniDir],
      "start\n2\nmenu\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("> start\nHello, I am Guardline.");
    expect(stdout).toMatch(
      /> 2\nIf a child is in danger now[\s\S]*Child helpline: De Kindertelefoon\n📞 Call 0800-0432/,
    );
    expect(stdout).toMatch(/> menu\nWhat would you like to know\?\n {2}1\. Tips/);
  });

  it("answers --help with its usage instead of a stack trace", async () => {
    const { code, stdout } = await cli("chat.ts", ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run chat -- \[--lang xx\]/);
    expect((await cli("chat.ts", ["--langg", "en"])).code).toBe(2);
  }, 60_000);

  it("refuses to chat on broken flows and says why", async () => {
    const dir = join(temp, "broken-chat");
    cpSync(miniDir, dir, { recursive: true });
    cpSync(join(root, "test/fixtures/broken/unknown-flow"), dir, { recursive: true });
    const { code, stdout } = await cli("chat.ts", ["--dir", dir], "start\n");
    expect(code).toBe(1);
    expect(stdout).toContain("flows/feedback.yaml:9:35: error:");
  });
});
