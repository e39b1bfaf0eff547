/**
 * One sentence an operator can act on for a database failure: what could not be reached, where,
 * and why ("cannot connect to PostgreSQL at 127.0.0.1:5432 (connection refused)"), instead of a
 * driver's raw error. The address comes from DATABASE_URL without its password.
 */

export interface DatabaseProblem {
  /** Short cause for fields and tests: `connection refused`, `authentication failed`, ... */
  cause: string;
  /** The whole sentence, for the log line and /readyz. */
  sentence: string;
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  name?: unknown;
}

/** Describes `error` from opening or querying the database at `databaseUrl` (unset: the embedded one). */
export function describeDatabaseError(error: unknown, databaseUrl: string | undefined): DatabaseProblem {
  const e = driverError(error);
  const message = typeof e.message === "string" ? (e.message.split("\n").filter(Boolean).pop() ?? "") : "";
  if (!databaseUrl) {
    if (e.name === "EmbeddedDatabaseBusyError")
      return { cause: "in use by another process", sentence: message };
    return {
      cause: "embedded database failed",
      sentence: `the embedded database in DATA_DIR could not be opened (${message || "unknown error"})`,
    };
  }
  const { host, port, database, user } = addressOf(databaseUrl);
  const at = `PostgreSQL at ${host}:${port}`;
  const known = (cause: string, advice: string) => ({
    cause,
    sentence: `cannot connect to ${at} (${cause}): ${advice}`,
  });
  switch (e.code) {
    case "ECONNREFUSED":
      return known(
        "connection refused",
        "is PostgreSQL running there, and are the host and port in DATABASE_URL right?",
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return known("host name not found", `check the host "${host}" in DATABASE_URL`);
    case "ETIMEDOUT":
      return known(
        "no answer, timed out",
        "is the address right, and does a firewall let the connection through?",
      );
    case "ECONNRESET":
      return known(
        "connection closed by the server",
        "is this a PostgreSQL server, and does it accept this connection (pg_hba.conf, SSL)?",
      );
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return known("host unreachable", "check the host in DATABASE_URL and the network");
    case "28P01":
      return known("authentication failed", `check the user "${user}" and the password in DATABASE_URL`);
    case "28000":
      return known("authentication failed", `${message}; check the user in DATABASE_URL`);
    case "3D000":
      return known(
        "database does not exist",
        `create the database "${database}" (createdb ${database}) or fix its name in DATABASE_URL`,
      );
    case "42501":
      return {
        cause: "permission denied",
        sentence: `${at} refused an operation (permission denied: ${message}); the user "${user}" needs to own the database "${database}"`,
      };
    case "53300":
      return known(
        "too many connections",
        "the server's connection limit is reached; try again or raise max_connections",
      );
    case "57P03":
      return known("the server is starting up or shutting down", "it will be retried");
  }
  if (/timeout/i.test(message))
    return known(
      "no answer, timed out",
      "is the address right, and does a firewall let the connection through?",
    );
  if (/SSL/i.test(message))
    return known("SSL setting mismatch", `${message}; add or remove ?sslmode=require in DATABASE_URL`);
  return { cause: "database error", sentence: `${at} failed: ${message || "unknown error"}` };
}

/** Prisma's driver adapter names the cause as a kind ("DatabaseNotReachable"); pg by an error code. */
const adapterKinds: Record<string, string> = {
  DatabaseNotReachable: "ECONNREFUSED",
  AuthenticationFailed: "28P01",
  DatabaseDoesNotExist: "3D000",
  DatabaseAccessDenied: "42501",
  SocketTimeout: "ETIMEDOUT",
  ConnectionClosed: "ECONNRESET",
  TooManyConnections: "53300",
};

/** The driver's own error inside Prisma's wrapper (`Invalid prisma.$queryRaw() invocation: ...`), or the error itself. */
function driverError(error: unknown): DriverError {
  if (typeof error !== "object" || error === null) return { message: String(error) };
  const wrapped = error as {
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalMessage?: unknown } } };
    cause?: unknown;
  };
  const cause = wrapped.meta?.driverAdapterError?.cause;
  if (cause && typeof cause.kind === "string") {
    const code = adapterKinds[cause.kind] ?? cause.kind;
    return {
      code,
      message: typeof cause.originalMessage === "string" ? cause.originalMessage : `${cause.kind}`,
    };
  }
  return error as DriverError;
}

/** Host, port, database and user of a postgres:// address; never its password. */
function addressOf(databaseUrl: string): { host: string; port: string; database: string; user: string } {
  try {
    const url = new URL(databaseUrl);
    return {
      host: url.hostname || "localhost",
      port: url.port || "5432",
      database:
        decodeURIComponent(url.pathname.replace(/^\//, "")) || decodeURIComponent(url.username) || "postgres",
      user: decodeURIComponent(url.username) || "postgres",
    };
  } catch {
    return { host: "?", port: "?", database: "?", user: "?" };
  }
}
