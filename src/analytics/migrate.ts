/**
 * Applies pending SQL migrations from prisma/migrations at start-up, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so either can take over:
 * - the table DDL is Prisma's (schema-engine, postgres flavour);
 * - checksum = sha256 hex of migration.sql as stored; id = random UUID; started_at when the
 *   migration begins, finished_at and applied_steps_count = 1 when it succeeded;
 * - Prisma's advisory lock key (72707369), so our instances and `prisma migrate deploy` exclude
 *   each other; like Prisma we give up waiting for it after 10 s. A database where every
 *   migration is recorded as finished (every start but the first) is read once without the
 *   lock, so instances starting together do not wait for one another.
 * Unlike Prisma, a failed migration leaves no row: it ran in a transaction that rolled back, so
 * the database is as before and the next start simply tries again. (Prisma's failed row would
 * need `prisma migrate resolve`, which cannot run where its engines cannot be downloaded.)
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

/** A migration failed (and was rolled back), or `prisma migrate deploy` left one marked failed. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    readonly reason: string,
    earlier = false,
  ) {
    super(
      earlier
        ? `Database migration ${migration} is marked failed in _prisma_migrations (left by prisma migrate deploy): ${reason}. Check the database, delete that row, and restart.`
        : `Database migration ${migration} failed and was rolled back: ${reason}. Nothing was recorded; fix prisma/migrations/${migration}/migration.sql and restart.`,
    );
    this.name = "MigrationError";
  }
}

/** Another process held the migration lock for longer than we wait. */
export class MigrationLockTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(
      `Timed out after ${waitedMs / 1000} s waiting for the migration lock (advisory lock ${prismaLockKey}): another instance or prisma migrate deploy is migrating this database.`,
    );
    this.name = "MigrationLockTimeoutError";
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
export async function migrate(
  connectionString: string,
  migrations: readonly Migration[],
  options: { lockTimeoutMs?: number } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    if (await allApplied(client, migrations)) return [];
    await lock(client, options.lockTimeoutMs ?? 10_000);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [prismaLockKey]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Whether every migration is recorded as finished: the usual start, answered with one query and
 * without the lock. Anything else (no table yet, a pending, running or failed migration) takes
 * the locked path, which decides under the lock.
 */
async function allApplied(client: pg.Client, migrations: readonly Migration[]): Promise<boolean> {
  let rows: Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>;
  try {
    ({ rows } = await client.query(
      "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
    ));
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return false; // undefined_table: a new database
    throw error;
  }
  if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false;
  const done = new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
  return migrations.every((m) => done.has(m.name));
}

/** Takes the advisory lock, polling, or throws MigrationLockTimeoutError. */
async function lock(client: pg.Client, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      prismaLockKey,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() - started >= timeoutMs) throw new MigrationLockTimeoutError(timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 100));
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
    const { rows } = await client.query<{
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations");
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed)
      throw new MigrationError(failed.migration_name, "it did not finish in an earlier attempt", true);
    const done = new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
    current = migrations.find((m) => !done.has(m.name));
    if (current) {
      const id = randomUUID();
      await client.query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)",
        [id, current.checksum, current.name],
      );
      await client.query(current.sql);
      await client.query(
        "UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1",
        [id],
      );
    }
    await client.query("COMMIT");
    return current?.name;
  } catch (error) {
    await client.query("ROLLBACK");
    if (error instanceof MigrationError || !current) throw error;
    throw new MigrationError(current.name, error instanceof Error ? error.message : String(error));
  }
}
