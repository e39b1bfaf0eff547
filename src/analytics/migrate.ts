/**
 * Applies pending SQL migrations from prisma/migrations at start-up, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so either can take over:
 * - the table DDL is Prisma's (schema-engine, postgres flavour);
 * - checksum = sha256 hex of migration.sql as stored; id = random UUID; started_at when the
 *   migration begins, finished_at and applied_steps_count = 1 when it succeeded; a failed
 *   migration keeps its row with the error in `logs` and finished_at NULL (Prisma's P3009 state);
 * - Prisma's advisory lock key (72707369), so our instances and `prisma migrate deploy` exclude
 *   each other.
 * Each migration also runs in its own transaction that first re-reads the table: PGlite serves all
 * connections from one session, where an advisory lock is re-entrant, but its socket server never
 * interleaves a transaction, so two instances still apply each migration once.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

const prismaLockKey = 72707369;

const createTable = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A migration failed now or earlier; like Prisma, we refuse to go on until someone looks. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    reason: string,
  ) {
    super(`Database migration ${migration} failed: ${reason}. Fix the database, then mark it rolled back (npx prisma migrate resolve --rolled-back ${migration}) and restart.`);
    this.name = "MigrationError";
  }
}

/** Migration folders in name order, as Prisma reads them. */
export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what is pending; returns the names applied by this call (empty when up to date). */
export async function migrate(connectionString: string, migrations: readonly Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [prismaLockKey]);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [prismaLockKey]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(client: pg.Client, migrations: readonly Migration[]): Promise<string[]> {
  const applied: string[] = [];
  for (;;) {
    const next = await applyNext(client, migrations);
    if (!next) return applied;
    applied.push(next);
  }
}

/** One transaction: read what is applied, apply the first pending migration. */
async function applyNext(client: pg.Client, migrations: readonly Migration[]): Promise<string | undefined> {
  await client.query("BEGIN");
  let current: Migration | undefined;
  try {
    await client.query(createTable);
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations");
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) throw new MigrationError(failed.migration_name, "it did not finish in an earlier attempt");
    const done = new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
    current = migrations.find((m) => !done.has(m.name));
    if (current) {
      const id = randomUUID();
      await client.query("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)", [id, current.checksum, current.name]);
      await client.query(current.sql);
      await client.query("UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1", [id]);
    }
    await client.query("COMMIT");
    return current?.name;
  } catch (error) {
    await client.query("ROLLBACK");
    if (error instanceof MigrationError || !current) throw error;
    await recordFailure(client, current, error);
    throw new MigrationError(current.name, error instanceof Error ? error.message : String(error));
  }
}

/** The failed row Prisma would leave behind: started, not finished, the error in `logs`. */
async function recordFailure(client: pg.Client, migration: Migration, error: unknown): Promise<void> {
  await client.query(createTable);
  await client.query("INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 0)", [randomUUID(), migration.checksum, migration.name, error instanceof Error ? error.message : String(error)]);
}
