import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { describeStartupError } from "./describe-startup-error.ts";

describe("describeStartupError", () => {
  it("says a port is in use, from the error Node really gives", async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve));
    const port = (first.address() as { port: number }).port;
    const error = await new Promise<unknown>((resolve) =>
      createServer().once("error", resolve).listen(port, "127.0.0.1"),
    );
    first.close();
    expect(describeStartupError(error, { PORT: port, DATA_DIR: "/data" })).toBe(
      `port ${port} is already in use (another program, or another Guardline, listens there): stop it or set PORT to a free port`,
    );
  });

  it("says a folder cannot be written and names DATA_DIR", () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/data/pglite'"), {
      code: "EACCES",
      path: "/data/pglite",
    });
    expect(describeStartupError(error, { PORT: 3000, DATA_DIR: "/data" })).toMatch(
      /^cannot write \/data\/pglite \(permission denied\): check DATA_DIR/,
    );
  });
});
