import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { turnOf } from "../../test/support/turn.ts";
import { captureLogger } from "../../test/support/test-logger.ts";
import { createBufferedSink, type CounterWriter } from "./buffered-sink.ts";
import { openCountJournal } from "./count-journal.ts";
import type { Cell } from "./counter-cell.ts";

const dims = { channel: "telegram", locale: "en", country: "NL", campaign: "" };
const started = turnOf([{ type: "conversation_started" }]);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function database() {
  const rows = new Map<string, number>();
  const db = {
    up: true,
    total: () => [...rows.values()].reduce((a, b) => a + b, 0),
    writer: {
      async increment(cells: readonly Cell[]) {
        if (!db.up) throw new Error("ECONNREFUSED");
        for (const c of cells) rows.set(c.kind, (rows.get(c.kind) ?? 0) + c.count);
      },
    } as CounterWriter,
  };
  return db;
}

/** The server's analytics as create-analytics wires them, over a journal in `dir`. */
function server(dir: string, db: ReturnType<typeof database>) {
  const { logger, lines } = captureLogger();
  const journal = openCountJournal(join(dir, "analytics-journal"), { logger });
  const writer = journal.wrapWriter(db.writer);
  const sink = journal.wrapSink(
    createBufferedSink({ writer, logger, flushSeconds: 3600, maxCells: 1000, flushCells: 1_000_000 }),
  );
  return { journal, writer, sink, lines };
}

describe("count journal", () => {
  it("keeps counts a crash would lose and writes them once after the restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guardline-journal-"));
    dirs.push(dir);
    const db = database();
    const first = server(dir, db);
    for (let i = 0; i < 30; i++) first.sink.record(started, dims);
    await first.sink.flush();
    for (let i = 0; i < 40; i++) first.sink.record(started, dims);
    expect(db.total()).toBe(30);
    // Crash: the process is gone without flush or close; only the file remains.
    const second = server(dir, db);
    expect(second.journal.pending().reduce((n, c) => n + c.count, 0)).toBe(40);
    expect(second.lines.join("")).toContain("unclean stop");
    await second.writer.increment([]);
    expect(db.total()).toBe(70);
    await second.sink.close();
    const third = server(dir, db);
    expect(third.journal.pending()).toEqual([]);
    await third.writer.increment([]);
    expect(db.total()).toBe(70);
    await third.sink.close();
  });

  it("keeps the replay when the database is down at the first write, and drops a torn line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guardline-journal-"));
    dirs.push(dir);
    const db = database();
    const first = server(dir, db);
    for (let i = 0; i < 5; i++) first.sink.record(started, dims);
    const file = join(dir, "analytics-journal");
    appendFileSync(file, "+[[17000000000");
    db.up = false;
    const second = server(dir, db);
    await expect(second.writer.increment([])).rejects.toThrow();
    db.up = true;
    await second.writer.increment([]);
    expect(db.total()).toBe(5);
    expect(readFileSync(file, "utf8")).not.toContain("17000000000");
    await second.sink.close();
  });
});
