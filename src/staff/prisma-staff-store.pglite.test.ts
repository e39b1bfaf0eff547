/** The StaffStore contract in the embedded database, and in PostgreSQL when TEST_DATABASE_URL is set. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { openDatabase, type Database } from "../analytics/database.ts";
import { createPrismaStaffStore } from "./prisma-staff-store.ts";
import { describeStaffStoreContract } from "./staff-store.case.ts";

const dataDir = mkdtempSync(join(tmpdir(), "guardline-staff-"));
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function opened(db: Database) {
  cleanups.push(() => db.close());
  return createPrismaStaffStore(db.prisma);
}

describeStaffStoreContract("PGlite (embedded)", async () => opened(await openDatabase({ dataDir })));

const baseUrl = process.env.TEST_DATABASE_URL;
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

if (baseUrl) {
  // Each run creates its own database next to TEST_DATABASE_URL's and drops it afterwards.
  describeStaffStoreContract("PostgreSQL", async () => {
    const name = `guardline_staff_${randomBytes(6).toString("hex")}`;
    await admin(`CREATE DATABASE ${name}`);
    cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return opened(await openDatabase({ databaseUrl: url.toString(), dataDir }));
  });
} else {
  describe("StaffStore: PostgreSQL", () => {
    it.skip("skipped: TEST_DATABASE_URL is not set (.ci/run sets it to a fresh database)", () => {});
  });
}
