/**
 * Analytics ingestion: events/second through the sink (what a turn pays) and end to end
 * (written to the database), and database statements per 1,000 events. On the embedded PGlite
 * always; on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set (in a scratch database
 * created next to it and dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { createBufferedSink } from "../src/analytics/buffered-sink.ts";
import { createCounterStore } from "../src/analytics/counter-store.ts";
import { openDatabase, type Database } from "../src/analytics/database.ts";
import type { CountedTurn } from "../src/analytics/analytics-sink.ts";
import type { EngineEvent } from "../src/engine/index.ts";

const totalEvents = Number(process.env.BENCH_EVENTS ?? 200_000);
/** A shorter interval than the default 5 s, so the run includes many timed flushes. */
const flushSeconds = 1;

/** A deterministic mix of turns over a few flows, nodes, channels and countries. */
function turns(): Array<{ turn: CountedTurn; events: EngineEvent[]; channel: string; country: string }> {
  let seed = 42;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const out: Array<{ turn: CountedTurn; events: EngineEvent[]; channel: string; country: string }> = [];
  const version = "281213d90d3c";
  for (let count = 0; count < totalEvents;) {
    const flow = `flow${next(8)}`;
    const node = `node${next(12)}`;
    const option = `o${next(4)}`;
    const to = `node${next(12)}`;
    const entered = `node${next(12)}`;
    const events: EngineEvent[] = [
      { type: "option_chosen", flow, version, node, option },
      { type: "node_entered", flow, version, node: entered },
    ];
    const turn: CountedTurn = {
      events,
      path: [{ flow, version, node, exit: { kind: "option", option }, to: { kind: "node", node: to } }],
      waiting: { kind: "question", flow, version, node: entered, arrived: true },
    };
    if (next(10) === 0)
      events.push({
        type: "referral_shown",
        flow,
        version: "281213d90d3c",
        kind: "child_helpline",
        country: "NL",
        fallback: false,
      });
    out.push({
      turn,
      events,
      channel: ["telegram", "whatsapp_web", "whatsapp_cloud"][next(3)]!,
      country: ["NL", "BR", "PH", "KE"][next(4)]!,
    });
    count += events.length;
  }
  return out;
}

async function measure(label: string, db: Database): Promise<void> {
  const store = createCounterStore(db.prisma);
  const sink = createBufferedSink({
    writer: store,
    logger: pino({ level: "silent" }),
    flushSeconds,
    maxCells: 100_000,
  });
  const work = turns();
  const events = work.reduce((s, t) => s + t.events.length, 0);
  const t0 = performance.now();
  let recording = 0;
  for (const t of work) {
    const r0 = performance.now();
    sink.record(t.turn, { channel: t.channel, locale: "en", country: t.country, campaign: "" });
    recording += performance.now() - r0;
    // Real turns are asynchronous: let flushes run between them as they would in the server.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await sink.close();
  const total = performance.now() - t0;
  const perSecond = (ms: number) => events / (ms / 1000);
  const rate = (ms: number) => Math.round(perSecond(ms)).toLocaleString("en");
  const per100 = (store.writes / events) * 100;
  const met = perSecond(total) >= 20_000 && per100 <= 1;
  console.log(
    `${label.padEnd(11)} ${events.toLocaleString("en")} events: record() ${rate(recording)}/s; written ${rate(total)}/s end to end; ${per100.toFixed(3)} database writes per 100 events (${store.writes} statements) [goal >= 20,000/s and <= 1 per 100: ${met ? "met" : "NOT met"}]`,
  );
}

export async function run(): Promise<void> {
  console.log(
    `Analytics ingestion benchmark (flush every ${flushSeconds} s, or early at 50,000 distinct cells, and on close)`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-bench-"));
  try {
    const db = await openDatabase({ dataDir });
    await measure("PGlite", db).finally(() => db.close());
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const baseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!baseUrl) return console.log("PostgreSQL  skipped: set DATABASE_URL or TEST_DATABASE_URL");
  const name = `guardline_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir });
    await measure("PostgreSQL", db).finally(() => db.close());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
