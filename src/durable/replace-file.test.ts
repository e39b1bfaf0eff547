import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replaceFile, restartLog } from "./replace-file.ts";

const dir = mkdtempSync(join(tmpdir(), "guardline-durable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("durable files", () => {
  it("replace a file whole, owner-only, leaving no temporary file", () => {
    const file = join(dir, "log");
    replaceFile(file, "old\n");
    replaceFile(file, "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["log"]);
  });

  it("restart a log: the short version first, then what is appended after it", () => {
    const file = join(dir, "restarted");
    replaceFile(file, "a long history\n".repeat(100));
    const fd = restartLog(file, "kept\n");
    writeSync(fd, "appended\n");
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe("kept\nappended\n");
  });
});
