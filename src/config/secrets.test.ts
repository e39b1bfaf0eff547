import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSessionSecret, SecretFileError, secretFileName } from "./secrets.ts";

const tempDir = () => join(mkdtempSync(join(tmpdir(), "guardline-secret-")), "data");

describe("resolveSessionSecret", () => {
  it("uses SESSION_SECRET when set, and writes nothing", () => {
    const dir = tempDir();
    expect(resolveSessionSecret({ SESSION_SECRET: "s".repeat(40), DATA_DIR: dir })).toEqual({
      value: "s".repeat(40),
      source: "env",
    });
    expect(() => statSync(dir)).toThrow();
  });

  it("generates one owner-only secret in DATA_DIR and reuses it after a restart", () => {
    const dir = tempDir();
    const first = resolveSessionSecret({ DATA_DIR: dir });
    expect(first.source).toBe("generated");
    expect(first.value.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, secretFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.value);
    expect(resolveSessionSecret({ DATA_DIR: dir })).toEqual({ value: first.value, source: "file" });
  });

  it("refuses a secret file that is too short, naming the file and the way out", () => {
    const dir = tempDir();
    resolveSessionSecret({ DATA_DIR: dir });
    writeFileSync(join(dir, secretFileName), "short\n");
    expect(() => resolveSessionSecret({ DATA_DIR: dir })).toThrow(SecretFileError);
    expect(() => resolveSessionSecret({ DATA_DIR: dir })).toThrow(/session-secret.*SESSION_SECRET/);
  });
});
