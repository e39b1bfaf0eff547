import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { openDatabase, type Database } from "../analytics/database.ts";
import { createPrismaStaffStore } from "./prisma-staff-store.ts";
import { describeStaffStoreContract } from "./staff-store.case.ts";

const dataDir = mkdtempSync(join(tmpdir(), "guardline-staff-"));
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describeStaffStoreContract("PGlite (embedded)", async () => {
  const db = await openDatabase({ dataDir });
  opened.push(db);
  return createPrismaStaffStore(db.prisma);
});

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)("PostgreSQL (TEST_DATABASE_URL)", () => {
  it("is covered by the contract below", () => {});
});
if (url)
  describeStaffStoreContract("PostgreSQL", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("DROP TABLE IF EXISTS staff_account, staff_audit, campaign");
    await client
      .query("DELETE FROM _prisma_migrations WHERE migration_name LIKE '%staff_console'")
      .catch(() => {});
    await client.end();
    const db = await openDatabase({ databaseUrl: url, dataDir });
    opened.push(db);
    return createPrismaStaffStore(db.prisma);
  });
