/**
 * `npm start` when something outside Guardline is wrong, as an operator sees it: a real process,
 * its log, /readyz and Ctrl+C (SIGINT). Each failure must be one sentence with its cause, and a
 * database that is down must never hold up the shutdown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "guardline-start-"));
const adminToken = "start-failure-admin-token";
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the output once `pattern` appears in it. */
  waitFor: (pattern: RegExp) => Promise<string>;
  exited: Promise<number | null>;
}

function startService(env: Record<string, string>): Started {
  // What `npm start` runs: the bundle of src/, built first when a source is newer.
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATA_DIR: dataDir,
      PORT: "0",
      ADMIN_TOKEN: adminToken,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const waiters: Array<() => void> = [];
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters) w();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) resolve(output);
      };
      waiters.push(check);
      check();
      void exited.then(() =>
        pattern.test(output) ? resolve(output) : reject(new Error(`exited without ${pattern}:\n${output}`)),
      );
    });
  return { child, output: () => output, waitFor, exited };
}

describe("npm start with a database that is down", () => {
  it("logs one sentence with the address and cause, tells the admin in /readyz, and stops in under 5 s on Ctrl+C", async () => {
    const service = startService({ DATABASE_URL: "postgresql://x@127.0.0.1:1/x" });
    const log = await service.waitFor(/cannot connect to PostgreSQL/);
    expect(log).toContain("cannot connect to PostgreSQL at 127.0.0.1:1 (connection refused)");
    expect(log).not.toContain("[object Object]");
    const port = /"port":(\d+),"msg":"http: listening/.exec(await service.waitFor(/http: listening/))![1];
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: { database: { detail: string } } };
    expect(body.checks.database.detail).toContain(
      "cannot connect to PostgreSQL at 127.0.0.1:1 (connection refused)",
    );
    const sent = Date.now();
    service.child.kill("SIGINT");
    expect(await service.exited).toBe(0);
    expect(Date.now() - sent).toBeLessThan(5_000);
  }, 90_000);
});

describe("npm start with a port in use", () => {
  let holder: Server;
  afterAll(() => holder?.close());

  it("says the port is in use, not something about the database, and exits 1", async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as { port: number }).port;
    const service = startService({ PORT: String(port), DATABASE_URL: "postgresql://x@127.0.0.1:1/x" });
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain(`Guardline could not start: port ${port} is already in use`);
  }, 90_000);
});
