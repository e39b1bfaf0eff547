import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** A child process, so Node's own warning printer is really there and really replaced. */
const script = `
import { createLogger } from "./src/logging/create-logger.ts";
import { routeWarnings } from "./src/logging/route-warnings.ts";
import { EventEmitter } from "node:events";
routeWarnings(createLogger({ level: "info" }));
const e = new EventEmitter();
for (let i = 0; i < 12; i++) e.on("message", () => {});
`;

describe("routeWarnings", () => {
  it("logs MaxListenersExceededWarning as one JSON line and prints nothing on stderr", () => {
    const run = spawnSync("node_modules/.bin/tsx", ["--eval", script], { encoding: "utf8", timeout: 15_000 });
    expect(run.stderr).toBe("");
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: "node warning",
      warning: { name: "MaxListenersExceededWarning", message: expect.stringContaining("message listeners") },
    });
  });
});
