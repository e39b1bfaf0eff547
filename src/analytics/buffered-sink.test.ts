import { afterEach, describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/index.ts";
import { turnOf } from "../../test/support/turn.ts";
import { createBufferedSink, type CounterWriter } from "./buffered-sink.ts";
import type { Cell } from "./counter-cell.ts";
import { captureLogger } from "../../test/support/test-logger.ts";

const dims = { channel: "telegram", locale: "en", country: "NL", campaign: "" };
const started = turnOf([{ type: "conversation_started" }]);
const node = (n: string) => turnOf([{ type: "not_understood", flow: "f", version: "v", node: n }]);

/** A database that can be taken down and brought back. */
function fakeDatabase() {
  const rows = new Map<string, number>();
  const db = {
    up: true,
    writes: 0,
    rows,
    total: (kind: string) =>
      [...rows].filter(([k]) => k.startsWith(`${kind}|`)).reduce((s, [, c]) => s + c, 0),
    writer: {
      async increment(cells: readonly Cell[]) {
        await new Promise((r) => setTimeout(r, 1));
        if (!db.up) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        db.writes++;
        for (const c of cells)
          rows.set(`${c.kind}|${c.node}`, (rows.get(`${c.kind}|${c.node}`) ?? 0) + c.count);
      },
    } satisfies CounterWriter,
  };
  return db;
}

const sinks: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of sinks.splice(0)) await s.close();
});

function setup(options: { maxCells?: number; flushCells?: number } = {}) {
  const db = fakeDatabase();
  const log = captureLogger();
  const sink = createBufferedSink({
    writer: db.writer,
    logger: log.logger,
    flushSeconds: 3600,
    maxCells: options.maxCells ?? 1000,
    flushCells: options.flushCells ?? 1_000_000,
  });
  sinks.push(sink);
  return { db, log, sink };
}

describe("buffered sink", () => {
  it("aggregates events in memory and writes them in one batch", async () => {
    const { db, sink } = setup();
    for (let i = 0; i < 500; i++) sink.record(started, dims);
    expect(db.writes).toBe(0); // record() never waits on the database
    await sink.flush();
    expect(db.writes).toBe(1);
    expect(db.total("conversation_started")).toBe(500);
  });

  it("does not flush by event count: many events into the same cells wait for the timer", async () => {
    const { db, sink } = setup({ flushCells: 10 });
    for (let i = 0; i < 5_000; i++) sink.record(node(String(i % 9)), dims);
    await new Promise((r) => setTimeout(r, 20));
    expect(db.writes).toBe(0);
    expect(sink.status().bufferedCells).toBe(9);
  });

  it("flushes on its own once N distinct cells are buffered, and counts what it wrote", async () => {
    const { db, sink } = setup({ flushCells: 10 });
    for (let i = 0; i < 10; i++) sink.record(node(String(i)), dims);
    await new Promise((r) => setTimeout(r, 20));
    expect(db.writes).toBe(1);
    expect(db.total("not_understood")).toBe(10);
    expect(sink.status()).toMatchObject({
      bufferedCells: 0,
      flushes: 1,
      flushedCounts: 10,
      droppedEvents: 0,
    });
  });

  it("keeps counts while the database is down and writes them when it is back", async () => {
    const { db, sink, log } = setup();
    db.up = false;
    for (let i = 0; i < 7; i++) sink.record(started, dims);
    await sink.flush();
    await sink.flush();
    expect(sink.status()).toMatchObject({ failing: true, bufferedCells: 1 });
    expect(log.lines.filter((l) => l.includes("unavailable"))).toHaveLength(1); // one message per outage
    db.up = true;
    sink.record(started, dims);
    await sink.flush();
    expect(db.total("conversation_started")).toBe(8);
    expect(sink.status().failing).toBe(false);
    expect(log.text()).toContain("reachable again");
  });

  it("bounds the buffer, counts what it drops, logs the number and stores it when the database is back", async () => {
    const { db, sink, log } = setup({ maxCells: 3 });
    db.up = false;
    for (const n of ["a", "b", "c", "d", "e"]) sink.record(node(n), dims);
    sink.record(node("a"), dims); // an existing cell still counts
    await sink.flush();
    expect(sink.status().bufferedCells).toBeLessThanOrEqual(3);
    db.up = true;
    await sink.flush();
    await sink.flush();
    expect(db.total("not_understood")).toBe(4); // a twice, b, c
    expect(db.total("analytics_dropped")).toBe(2); // d and e
    expect(sink.status().droppedEvents).toBe(2);
    const dropped = log.lines
      .map((l) => JSON.parse(l) as { droppedEvents?: number })
      .find((l) => l.droppedEvents);
    expect(dropped?.droppedEvents).toBe(2);
  });

  it("backs off while the database is down instead of retrying every full buffer", async () => {
    const { db, sink } = setup({ flushCells: 10 });
    let attempts = 0;
    const increment = db.writer.increment;
    db.writer.increment = async (cells) => (attempts++, increment(cells));
    db.up = false;
    for (let i = 0; i < 2_000; i++) {
      sink.record(node(String(i % 20)), dims);
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    expect(attempts).toBe(1); // the buffer stays full, one attempt within the first second
    db.up = true;
    await sink.flush(); // an explicit flush (shutdown) always tries
    expect(db.total("not_understood")).toBe(2_000);
  });

  it("keeps everything buffered and tries nothing while there is no database yet", async () => {
    const db = fakeDatabase();
    let open = false;
    const sink = createBufferedSink({
      writer: db.writer,
      logger: captureLogger().logger,
      flushSeconds: 3600,
      maxCells: 10,
      canWrite: () => open,
    });
    sinks.push(sink);
    for (let i = 0; i < 3; i++) sink.record(started, dims);
    await sink.flush();
    expect([db.writes, sink.status().failing]).toEqual([0, false]);
    open = true;
    await sink.flush();
    expect(db.total("conversation_started")).toBe(3);
  });

  it("never throws from record(), even with events it cannot read", () => {
    const { sink, log } = setup();
    expect(() =>
      sink.record(
        turnOf([{ type: "nonsense" } as unknown as EngineEvent, null as unknown as EngineEvent]),
        dims,
      ),
    ).not.toThrow();
    expect(log.text()).toContain("could not count");
  });

  it("writes what is buffered on close and ignores events after it", async () => {
    const { db, sink } = setup();
    sink.record(started, dims);
    await sink.close();
    sink.record(started, dims);
    await sink.flush();
    expect(db.total("conversation_started")).toBe(1);
  });

  it("logs counts lost at shutdown as a number when the database is still down", async () => {
    const { db, sink, log } = setup();
    db.up = false;
    sink.record(started, dims);
    sink.record(started, dims);
    await sink.close();
    expect(log.text()).toMatch(/"lostCounts":2/);
  });
});
