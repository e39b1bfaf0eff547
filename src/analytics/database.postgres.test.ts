/**
 * The database contract on a real PostgreSQL server. Runs when TEST_DATABASE_URL is set (.ci/run
 * sets it); each run creates its own database next to it and drops it afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, it } from "vitest";
import { describeDatabaseContract } from "./database.case.ts";

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
  describeDatabaseContract("PostgreSQL", async () => {
    const name = `guardline_analytics_${randomBytes(6).toString("hex")}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  });
} else {
  describe("analytics database: PostgreSQL", () => {
    it.skip("skipped: TEST_DATABASE_URL is not set (.ci/run sets it to a fresh database)", () => {});
  });
}
