import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDatabaseContract } from "./database.case.ts";
import {
  EmbeddedDatabaseBusyError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "./embedded-postgres.ts";
import { migrate, MigrationError, readMigrations } from "./migrate.ts";

const dataDir = mkdtempSync(join(tmpdir(), "guardline-pglite-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeDatabaseContract(
  "PGlite (embedded)",
  async () => {
    const embedded = await startEmbeddedPostgres(join(dataDir, "contract"));
    return { url: embedded.url, cleanup: () => embedded.close() };
  },
  { sharedSession: true },
);

describe("embedded database", () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(join(dataDir, "own"));
  });
  afterAll(() => embedded.close());

  it("refuses a second opening of the same data directory while the first is open", async () => {
    await expect(startEmbeddedPostgres(join(dataDir, "own"))).rejects.toBeInstanceOf(
      EmbeddedDatabaseBusyError,
    );
  });

  it("a failed migration is rolled back and not recorded; the next start applies it once fixed", async () => {
    const dir = join(dataDir, "bad-migrations");
    mkdirSync(join(dir, "20250101000000_ok"), { recursive: true });
    mkdirSync(join(dir, "20250102000000_broken"), { recursive: true });
    writeFileSync(join(dir, "20250101000000_ok", "migration.sql"), "CREATE TABLE fine (a int);\n");
    writeFileSync(
      join(dir, "20250102000000_broken", "migration.sql"),
      "CREATE TABLE broken (a int);\nSELECT * FROM no_such_table;\n",
    );
    const error = await migrate(embedded.url, readMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe("20250102000000_broken");
    expect((error as MigrationError).message).toMatch(
      /20250102000000_broken failed and was rolled back: .*no_such_table/,
    );
    expect((error as MigrationError).message).not.toMatch(/prisma migrate resolve/);
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT migration_name, logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows).toEqual([{ migration_name: "20250101000000_ok", logs: null, applied_steps_count: 1 }]); // no failed row
      const tables = await client.query("SELECT to_regclass('broken') AS broken");
      expect(tables.rows[0].broken).toBeNull();
    } finally {
      await client.end();
    }
    writeFileSync(join(dir, "20250102000000_broken", "migration.sql"), "CREATE TABLE broken (a int);\n");
    expect(await migrate(embedded.url, readMigrations(dir))).toEqual(["20250102000000_broken"]);
  });
});
