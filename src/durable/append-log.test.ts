import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appendLog } from "./append-log.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function file(name = "log") {
  const dir = mkdtempSync(join(tmpdir(), "guardline-append-log-"));
  dirs.push(dir);
  const path = join(dir, name);
  return { path, fd: openSync(path, "a", 0o600), read: () => readFileSync(path, "utf8") };
}

describe("append log (group commit)", () => {
  it("writes the lines of one event-loop turn together, in order, before any append resolves", async () => {
    const a = file("a");
    const b = file("b");
    const logA = appendLog({ fd: () => a.fd });
    const logB = appendLog({ fd: () => b.fd });
    const seen: string[] = [];
    const first = logA.append("1\n").then(() => seen.push(`a:${a.read()}|b:${b.read()}`));
    logB.appendLater("x\n");
    const second = logA.append("2\n");
    // Nothing is written while the turn that appended runs.
    expect(a.read()).toBe("");
    await Promise.all([first, second]);
    // When the first promise resolved, both files held every line appended before it.
    expect(seen).toEqual(["a:1\n2\n|b:x\n"]);
    await logA.append("3\n");
    expect(a.read()).toBe("1\n2\n3\n");
    closeSync(a.fd);
    closeSync(b.fd);
  });

  it("flush writes at once; discard resolves what was queued without writing it", async () => {
    const a = file();
    const log = appendLog({ fd: () => a.fd });
    const flushed = log.append("kept\n");
    log.flush();
    expect(a.read()).toBe("kept\n");
    await flushed;
    const dropped = log.append("obsolete\n");
    log.discard();
    await dropped;
    await new Promise((r) => setImmediate(r));
    expect(a.read()).toBe("kept\n");
    closeSync(a.fd);
  });

  it("a failed write rejects the lines awaited and reports the ones nobody awaits", async () => {
    const a = file();
    closeSync(a.fd);
    const errors: Error[] = [];
    const log = appendLog({ fd: () => a.fd, onError: (e) => errors.push(e) });
    const awaited = log.append("lost\n");
    await expect(awaited).rejects.toThrow(/EBADF/);
    expect(errors).toEqual([]);
    log.appendLater("also lost\n");
    await new Promise((r) => setImmediate(r));
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(["EBADF"]);
  });
});
