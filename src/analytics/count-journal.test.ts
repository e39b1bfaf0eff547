import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
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
/** A turn's journal line is written with the other lines of its event-loop turn (append-log.ts). */
const endOfLoopTurn = () => new Promise((resolve) => setImmediate(resolve));

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
  const sink = createBufferedSink({
    writer,
    logger,
    journal,
    flushSeconds: 3600,
    maxCells: 1000,
    flushCells: 1_000_000,
  });
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
    await endOfLoopTurn();
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
    await endOfLoopTurn();
    const [segment] = segments(dir);
    appendFileSync(join(dir, segment!), "+[[17000000000");
    db.up = false;
    const second = server(dir, db);
    await expect(second.writer.increment([])).rejects.toThrow();
    db.up = true;
    await second.writer.increment([]);
    expect(db.total()).toBe(5);
    for (const name of segments(dir))
      expect(readFileSync(join(dir, name), "utf8")).not.toContain("17000000000");
    await second.sink.close();
  });

  it("holds only what is not yet written: a batch's segment goes once the database has it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guardline-journal-"));
    dirs.push(dir);
    const db = database();
    const { sink, journal } = server(dir, db);
    const size = () => segments(dir).reduce((n, name) => n + statSync(join(dir, name)).size, 0);
    for (let i = 0; i < 200; i++) sink.record(started, dims);
    expect(size()).toBe(0);
    await endOfLoopTurn();
    const before = size();
    expect(before).toBeGreaterThan(200 * 20);
    await sink.flush();
    expect(size()).toBe(0);
    // While the database is down the segments stay, and go with the write that succeeds.
    db.up = false;
    for (let i = 0; i < 10; i++) sink.record(started, dims);
    await sink.flush();
    expect(size()).toBeGreaterThan(0);
    db.up = true;
    await sink.flush();
    expect(size()).toBe(0);
    expect(db.total()).toBe(210);
    await sink.close();
    journal.close();
  });

  it("reads a journal kept as one file with subtraction lines (before segments)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guardline-journal-"));
    dirs.push(dir);
    const hour = Date.UTC(2026, 10, 30, 10);
    const fields = ["conversation_started", "", "", "", "", "", "", "", "telegram", "en", "NL", ""];
    appendFileSync(
      join(dir, "analytics-journal"),
      `+[[${hour},${fields.map((f) => JSON.stringify(f)).join(",")},7]]\n`,
    );
    appendFileSync(
      join(dir, "analytics-journal"),
      `-[[${hour},${fields.map((f) => JSON.stringify(f)).join(",")},4]]\n`,
    );
    const db = database();
    const { writer, journal } = server(dir, db);
    expect(journal.pending().map((c) => c.count)).toEqual([3]);
    await writer.increment([]);
    expect(db.total()).toBe(3);
    expect(readdirSync(dir)).not.toContain("analytics-journal");
    journal.close();
  });
});

/** The journal's segment files in `dir`. */
function segments(dir: string): string[] {
  return readdirSync(dir).filter((name) => /^analytics-journal\.\d+$/.test(name));
}
