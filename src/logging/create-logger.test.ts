import { describe, expect, it } from "vitest";
import { GrammyError } from "grammy";
import { createLogger } from "./create-logger.ts";

function capture() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({ level: "debug", destination: { write: (l: string) => void lines.push(l) } }),
  };
}

describe("createLogger", () => {
  it("redacts identifying fields wherever they slip in", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        chatId: 987654321,
        text: "my neighbour Zanele",
        nested: { username: "parent_x", chat: { id: 987654321 } },
        update: { message: { text: "hi" } },
        ctx: { message: { text: "Zanele again", chat: { id: 987654321 } } },
        message: { text: "Zanele" },
      },
      "oops",
    );
    const out = lines.join("");
    for (const value of ["987654321", "Zanele", "parent_x"]) expect(out).not.toContain(value);
    expect(out).toContain("[redacted]");
  });

  it("redacts at any depth, in arrays and in errors logged under another name, and leaves the rest alone", () => {
    const { lines, logger } = capture();
    const cause = Object.assign(new Error("Call failed"), {
      method: "sendMessage",
      payload: { chat_id: 987654321 },
    });
    const fields = {
      batch: [{ reply: { to: { chat: { id: 987654321 } } } }, { ok: true }],
      deep: { a: { b: { c: { d: { e: { caption: "Zanele's photo" } } } } } },
      cause,
      counts: { replies: 2, input: "choice" },
    };
    logger.warn(fields, "oops");
    const out = lines.join("");
    for (const value of ["987654321", "Zanele"]) expect(out).not.toContain(value);
    const entry = JSON.parse(lines[0]!);
    expect(entry.batch[1]).toEqual({ ok: true });
    expect(entry.cause).toMatchObject({ method: "sendMessage", payload: "[redacted]" });
    expect(entry.counts).toEqual({ replies: 2, input: "choice" });
    // What was logged is not changed for the code that logged it.
    expect(cause.payload).toEqual({ chat_id: 987654321 });
    expect(fields.batch[0]).toEqual({ reply: { to: { chat: { id: 987654321 } } } });
  });

  it("logs a Bot API error by method and code, never its payload", () => {
    const { lines, logger } = capture();
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      "sendMessage",
      { chat_id: 987654321, text: "Where do you live?" },
    );
    logger.warn({ err: error }, "reply not delivered");
    const entry = JSON.parse(lines[0]!);
    expect(entry.err).toMatchObject({
      type: "GrammyError",
      method: "sendMessage",
      error_code: 403,
      message: expect.stringContaining("403: Forbidden: bot was blocked by the user"),
    });
    expect(lines[0]).not.toContain("987654321");
    expect(lines[0]).not.toContain("Where do you live");
  });

  it("keeps counts and reasons readable", () => {
    const { lines, logger } = capture();
    logger.info({ replies: 3, input: "choice", ms: 12 }, "telegram: turn answered");
    expect(JSON.parse(lines[0]!)).toMatchObject({
      replies: 3,
      input: "choice",
      msg: "telegram: turn answered",
    });
  });
});
