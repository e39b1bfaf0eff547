/**
 * One contract suite for every database we support: the embedded PGlite and PostgreSQL.
 * `make` returns the address of an empty database and a cleanup.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/index.ts";
import type { CountedTurn } from "./analytics-sink.ts";
import { createBufferedSink } from "./buffered-sink.ts";
import { createCounterStore, type CounterStore } from "./counter-store.ts";
import { defaultMigrationsDir, openDatabase, type Database } from "./database.ts";
import { flowReport } from "./flow-report.ts";
import type { Cell } from "./counter-cell.ts";
import { migrate, MigrationError, MigrationLockTimeoutError, readMigrations } from "./migrate.ts";
import { applyRetention } from "./retention.ts";
import { summaryReport } from "./summary-report.ts";
import { captureLogger } from "../../test/support/test-logger.ts";
import { turnOf } from "../../test/support/turn.ts";

export interface DatabaseFixture {
  url: string;
  cleanup(): Promise<void>;
}

const prismaMigrationsColumns = [
  ["applied_steps_count", "integer", "NO", "0"],
  ["checksum", "character varying(64)", "NO", null],
  ["finished_at", "timestamp with time zone", "YES", null],
  ["id", "character varying(36)", "NO", null],
  ["logs", "text", "YES", null],
  ["migration_name", "character varying(255)", "NO", null],
  ["rolled_back_at", "timestamp with time zone", "YES", null],
  ["started_at", "timestamp with time zone", "NO", "now()"],
];

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Runs `body` while another connection holds Prisma's migration lock (advisory lock 72707369). */
async function whileAnotherSessionHoldsTheMigrationLock(
  url: string,
  body: () => Promise<unknown>,
): Promise<void> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query("SELECT pg_advisory_lock(72707369)");
    await body();
  } finally {
    await holder.end();
  }
}

/**
 * `sharedSession`: PGlite serves every connection from one session, where advisory locks are
 * re-entrant, so a lock held elsewhere cannot be waited for there.
 */
export function describeDatabaseContract(
  name: string,
  make: () => Promise<DatabaseFixture>,
  options: { sharedSession?: boolean } = {},
): void {
  describe(`analytics database: ${name}`, () => {
    let fixture: DatabaseFixture;
    let instances: Database[] = [];
    let store: CounterStore;

    beforeAll(async () => {
      fixture = await make();
      // Two instances starting at the same moment against one empty database.
      instances = await Promise.all(
        [1, 2].map(() => openDatabase({ databaseUrl: fixture.url, dataDir: "/nonexistent" })),
      );
      store = createCounterStore(instances[0]!.prisma);
    });
    afterAll(async () => {
      for (const db of instances) await db.close();
      await fixture?.cleanup();
    });

    it("two instances starting together apply each migration once", async () => {
      const names = readMigrations(defaultMigrationsDir).map((m) => m.name);
      expect(names.length).toBeGreaterThan(0);
      expect([...instances[0]!.applied, ...instances[1]!.applied].sort()).toEqual(names.sort());
      const rows = await query<{ migration_name: string }>(
        fixture.url,
        "SELECT migration_name FROM _prisma_migrations",
      );
      expect(rows.map((r) => r.migration_name).sort()).toEqual(names.sort());
    });

    it("records migrations in _prisma_migrations exactly as Prisma does", async () => {
      const columns = await query<{
        column_name: string;
        type: string;
        is_nullable: string;
        column_default: string | null;
      }>(
        fixture.url,
        `SELECT column_name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable, column_default
         FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = '_prisma_migrations'::regclass AND a.attname = c.column_name
         WHERE table_name = '_prisma_migrations' ORDER BY column_name`,
      );
      expect(columns.map((c) => [c.column_name, c.type, c.is_nullable, c.column_default])).toEqual(
        prismaMigrationsColumns,
      );
      const [pk] = await query<{ cols: string }>(
        fixture.url,
        `SELECT string_agg(a.attname, ',') AS cols FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
      );
      expect(pk?.cols).toBe("id");
      const rows = await query<Record<string, unknown>>(
        fixture.url,
        "SELECT * FROM _prisma_migrations ORDER BY migration_name",
      );
      for (const row of rows) {
        const sql = readFileSync(join(defaultMigrationsDir, String(row.migration_name), "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.applied_steps_count).toBe(1);
        expect(row.logs).toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.finished_at).toBeInstanceOf(Date);
        expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual(
          (row.started_at as Date).getTime(),
        );
      }
    });

    it("a restart finds nothing to apply", async () => {
      const again = await openDatabase({ databaseUrl: fixture.url, dataDir: "/nonexistent" });
      await again.close();
      expect(again.applied).toEqual([]);
    });

    it("a migration left unfinished (by prisma migrate deploy, or still running) stops the start with its name; a rolled-back attempt beside a finished one does not", async () => {
      const migrations = readMigrations(defaultMigrationsDir);
      const [done] = migrations;
      await query(
        fixture.url,
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, rolled_back_at) VALUES ('rolled-back-attempt', $1, $2, now())",
        [done!.checksum, done!.name],
      );
      try {
        await expect(migrate(fixture.url, migrations, { lockTimeoutMs: 300 })).resolves.toEqual([]);
        await query(
          fixture.url,
          "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('unfinished', $1, '20990101000000_unfinished')",
          ["0".repeat(64)],
        );
        const failed = migrate(fixture.url, migrations, { lockTimeoutMs: 300 });
        await expect(failed).rejects.toBeInstanceOf(MigrationError);
        await expect(failed).rejects.toThrow(/20990101000000_unfinished/);
      } finally {
        await query(
          fixture.url,
          "DELETE FROM _prisma_migrations WHERE id IN ('rolled-back-attempt', 'unfinished')",
        );
      }
    });

    it("a flush of several batches is written whole or not at all (no double counts on retry)", async () => {
      const bucket = new Date("2025-04-01T00:00:00Z");
      const cell = (i: number, count = 1): Cell => ({
        bucket,
        kind: "batch_test",
        flowId: `f${i}`,
        flowVersion: "",
        node: "",
        option: "",
        nextNode: "",
        detail: "",
        directory: "",
        channel: "batch",
        locale: "",
        country: "",
        campaign: "",
        count,
      });
      // 2,500 cells = two statements; the second fails (count beyond INTEGER).
      const cells = Array.from({ length: 2_500 }, (_, i) => cell(i, i === 2_400 ? 2 ** 40 : 1));
      await expect(store.increment(cells)).rejects.toThrow();
      const [after] = await query<{ n: string }>(
        fixture.url,
        "SELECT count(*) AS n FROM analytics_counter WHERE kind = 'batch_test'",
      );
      expect(Number(after!.n)).toBe(0);
      await store.increment(cells.map((c) => ({ ...c, count: 1 })));
      const [sum] = await query<{ n: string }>(
        fixture.url,
        "SELECT sum(count) AS n FROM analytics_counter WHERE kind = 'batch_test'",
      );
      expect(Number(sum!.n)).toBe(2_500);
    });

    it.skipIf(options.sharedSession)(
      "gives up waiting for a migration lock another session holds, with a clear error",
      async () => {
        const pending = { name: "99999999999999_pending", sql: "SELECT 1;", checksum: "0".repeat(64) };
        await whileAnotherSessionHoldsTheMigrationLock(fixture.url, () =>
          expect(
            migrate(fixture.url, [...readMigrations(defaultMigrationsDir), pending], { lockTimeoutMs: 300 }),
          ).rejects.toBeInstanceOf(MigrationLockTimeoutError),
        );
      },
    );

    it.skipIf(options.sharedSession)(
      "an up-to-date database starts without waiting for the migration lock (instances starting together)",
      async () => {
        await whileAnotherSessionHoldsTheMigrationLock(fixture.url, () =>
          expect(
            migrate(fixture.url, readMigrations(defaultMigrationsDir), { lockTimeoutMs: 300 }),
          ).resolves.toEqual([]),
        );
      },
    );

    it("adds counts to existing rows (upsert-increment) in one statement per batch", async () => {
      const log = captureLogger();
      const sink = createBufferedSink({
        writer: store,
        logger: log.logger,
        flushSeconds: 3600,
        maxCells: 10_000,
        now: () => new Date("2025-02-01T08:30:00Z"),
      });
      const writesBefore = store.writes;
      const dims = { channel: "contract", locale: "en", country: "NL", campaign: "" };
      for (let i = 0; i < 3; i++) sink.record(turnOf([{ type: "conversation_started" }]), dims);
      await sink.flush();
      for (let i = 0; i < 4; i++) sink.record(turnOf([{ type: "conversation_started" }]), dims);
      await sink.flush();
      await sink.close();
      expect(store.writes - writesBefore).toBe(2);
      const rows = await query<{ count: number; bucket: Date }>(
        fixture.url,
        "SELECT count, bucket FROM analytics_counter WHERE channel = 'contract'",
      );
      expect(rows).toEqual([{ count: 7, bucket: new Date("2025-02-01T08:00:00Z") }]);
    });

    it("reports the figures that were recorded, and leaves out the simulator unless asked", async () => {
      const log = captureLogger();
      const day = new Date("2025-03-10T12:00:00Z");
      const sink = createBufferedSink({
        writer: store,
        logger: log.logger,
        flushSeconds: 3600,
        maxCells: 10_000,
        now: () => day,
      });
      const v = "281213d90d3c";
      const turn = (events: EngineEvent[], more: Partial<CountedTurn> = {}, channel = "telegram") =>
        sink.record(turnOf(events, more), { channel, locale: "en", country: "NL", campaign: "spring" });
      for (let i = 0; i < 12; i++) {
        turn(
          [
            { type: "conversation_started" },
            { type: "flow_started", flow: "tips", version: v },
            { type: "node_entered", flow: "tips", version: v, node: "more" },
          ],
          { waiting: { kind: "question", flow: "tips", version: v, node: "more", arrived: true } },
        );
        if (i < 6)
          turn(
            [
              { type: "option_chosen", flow: "tips", version: v, node: "more", option: "next" },
              { type: "flow_completed", flow: "tips", version: v },
              { type: "conversation_completed", flow: "tips" },
            ],
            {
              path: [
                {
                  flow: "tips",
                  version: v,
                  node: "more",
                  exit: { kind: "option", option: "next" },
                  to: { kind: "end" },
                },
              ],
            },
          );
      }
      for (let i = 0; i < 9; i++) turn([{ type: "conversation_started" }], {}, "simulator");
      await sink.close();
      const filters = { from: "2025-03-10", to: "2025-03-10" };
      const summary = await summaryReport(store, filters, 5);
      expect(summary.conversations).toEqual({ started: 12, completed: 6, completionRate: 0.5 });
      expect(summary.perDay).toEqual([{ day: "2025-03-10", started: 12, completed: 6 }]);
      expect(summary.topics).toEqual([{ flow: "tips", started: 12, completed: 6 }]);
      expect(
        (await summaryReport(store, { ...filters, channel: "simulator" }, 5)).conversations.started,
      ).toBe(9);
      expect((await summaryReport(store, { ...filters, campaign: "autumn" }, 5)).conversations.started).toBe(
        0,
      );
      expect((await summaryReport(store, { ...filters, campaign: "other" }, 5)).conversations.started).toBe(
        12,
      ); // "spring" was not listed
      const flow = await flowReport(store, "tips", filters, 5);
      expect(flow.versions).toHaveLength(1);
      expect(flow.versions[0]).toMatchObject({
        version: v,
        started: 12,
        completed: 6,
        nodes: [{ node: "more", visits: 12, dropOff: 6, notUnderstood: 0 }],
        segments: [{ node: "more", option: "next", next: "@end", chosen: 6 }],
      });
    });

    it("retention deletes counters older than the period and keeps the rest", async () => {
      const log = captureLogger();
      const old = createBufferedSink({
        writer: store,
        logger: log.logger,
        flushSeconds: 3600,
        maxCells: 10,
        now: () => new Date("2020-01-01T00:00:00Z"),
      });
      old.record(turnOf([{ type: "keyword", keyword: "help" }]), {
        channel: "retention",
        locale: "en",
        country: "",
        campaign: "",
      });
      await old.close();
      const deleted = await applyRetention({
        store,
        retentionDays: 730,
        logger: log.logger,
        now: () => new Date("2025-06-01T00:00:00Z"),
      });
      expect(deleted).toBe(1);
      const left = await query<{ n: string }>(
        fixture.url,
        "SELECT count(*) AS n FROM analytics_counter WHERE bucket < '2023-01-01'",
      );
      expect(Number(left[0]!.n)).toBe(0);
      expect(
        Number(
          (await query<{ n: string }>(fixture.url, "SELECT count(*) AS n FROM analytics_counter"))[0]!.n,
        ),
      ).toBeGreaterThan(0);
    });
  });
}
