import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDatabaseContract } from "./database.case.ts";
import { EmbeddedDatabaseBusyError, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.ts";
import { migrate, MigrationError, readMigrations } from "./migrate.ts";

const dataDir = mkdtempSync(join(tmpdir(), "guardline-pglite-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeDatabaseContract("PGlite (embedded)", async () => {
  const embedded = await startEmbeddedPostgres(join(dataDir, "contract"));
  return { url: embedded.url, cleanup: () => embedded.close() };
});

describe("embedded database", () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(join(dataDir, "own"));
  });
  afterAll(() => embedded.close());

  it("refuses a second opening of the same data directory while the first is open", async () => {
    await expect(startEmbeddedPostgres(join(dataDir, "own"))).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
  });

  it("a failed migration leaves Prisma's failed row and stops later starts", async () => {
    const dir = join(dataDir, "bad-migrations");
    mkdirSync(join(dir, "20250101000000_ok"), { recursive: true });
    mkdirSync(join(dir, "20250102000000_broken"), { recursive: true });
    writeFileSync(join(dir, "20250101000000_ok", "migration.sql"), "CREATE TABLE fine (a int);\n");
    writeFileSync(join(dir, "20250102000000_broken", "migration.sql"), "CREATE TABLE broken (a int);\nSELECT * FROM no_such_table;\n");
    await expect(migrate(embedded.url, readMigrations(dir))).rejects.toBeInstanceOf(MigrationError);
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT migration_name, finished_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name");
      expect(rows).toHaveLength(2); // like Prisma: the earlier migration stays applied
      expect(rows[0]).toMatchObject({ migration_name: "20250101000000_ok", logs: null, applied_steps_count: 1 });
      expect(rows[1]).toMatchObject({ migration_name: "20250102000000_broken", finished_at: null, applied_steps_count: 0 });
      expect(rows[1].logs).toContain("no_such_table");
      const tables = await client.query("SELECT to_regclass('broken') AS broken");
      expect(tables.rows[0].broken).toBeNull();
    } finally {
      await client.end();
    }
    await expect(migrate(embedded.url, readMigrations(dir))).rejects.toThrow(/did not finish in an earlier attempt/);
  });
});
