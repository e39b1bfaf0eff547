import pg from "pg";
import { describe, expect, it } from "vitest";
import { describeDatabaseError } from "./describe-database-error.ts";

/** The error pg really throws for `url`, so the sentences follow the driver rather than a guess. */
async function errorOf(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return error;
  }
}

describe("describeDatabaseError", () => {
  it("names host, port and cause of a refused connection, without the password", async () => {
    const url = "postgresql://x:s3cret@127.0.0.1:1/x";
    const described = describeDatabaseError(await errorOf(url), url);
    expect(described.cause).toBe("connection refused");
    expect(described.sentence).toMatch(
      /^cannot connect to PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/,
    );
    expect(described.sentence).not.toContain("s3cret");
  });

  it.each([
    [{ code: "28P01", message: 'password authentication failed for user "app"' }, "authentication failed"],
    [{ code: "3D000", message: 'database "x" does not exist' }, "database does not exist"],
    [{ code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND db" }, "host name not found"],
    [new Error("timeout expired"), "no answer, timed out"],
  ])("says %o as %s", (error, cause) => {
    expect(describeDatabaseError(error, "postgresql://app@db:5433/x").sentence).toContain(
      `at db:5433 (${cause})`,
    );
  });

  it("describes the embedded database by DATA_DIR, not by an address", () => {
    expect(describeDatabaseError(new Error("disk I/O error"), undefined).sentence).toBe(
      "the embedded database in DATA_DIR could not be opened (disk I/O error)",
    );
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("describeDatabaseError against PostgreSQL", () => {
  const base = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://localhost/x");

  it("says a database that does not exist does not exist, and how to create it", async () => {
    const url = new URL(base);
    url.pathname = "/guardline_no_such_database";
    const described = describeDatabaseError(await errorOf(url.href), url.href);
    expect(described.cause).toBe("database does not exist");
    expect(described.sentence).toContain("createdb guardline_no_such_database");
  });

  it("says a user the server does not know fails authentication", async () => {
    const url = new URL(base);
    url.username = "guardline_no_such_user";
    const described = describeDatabaseError(await errorOf(url.href), url.href);
    expect(described.cause).toBe("authentication failed");
  });
});
