/**
 * Opens the analytics database in the background, retrying with capped exponential backoff
 * (1 s doubling to 60 s), so that neither start-up nor /healthz waits on it. The outage is logged
 * once, and the recovery once. A failed migration is not retried: it fails the same way until
 * someone fixes it (it was rolled back; the log says which one and why).
 */
import { backoff } from "../backoff/backoff.ts";
import type { Logger } from "pino";
import type { Database } from "./database.ts";
import { describeDatabaseError } from "./describe-database-error.ts";
import { MigrationError } from "./migrate.ts";

export interface OpenWithRetryOptions {
  open: () => Promise<Database>;
  onOpen: (db: Database) => void;
  /** A failure retrying cannot fix (a migration failed); no more attempts follow. */
  onGiveUp?: (error: MigrationError) => void;
  logger: Logger;
  retry?: { firstMs: number; maxMs: number };
  /** DATABASE_URL (unset: the embedded database), to name where the failure is. */
  databaseUrl?: string | undefined;
}

export interface Opening {
  /** Stops retrying; resolves with the database if an attempt under way succeeds (to flush into). */
  stop(): Promise<Database | null>;
  /** Why the last attempt failed, as one sentence (null once open, or before the first failure). */
  problem(): string | null;
}

export function openWithRetry(options: OpenWithRetryOptions): Opening {
  const delayOf = backoff(options.retry ?? { firstMs: 1_000, maxMs: 60_000 });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<Database | null> = Promise.resolve(null);
  let failures = 0;
  let problem: string | null = null;
  const tryOnce = async (): Promise<Database | null> => {
    try {
      const db = await options.open();
      if (failures)
        options.logger.info(
          { database: db.kind, failedAttempts: failures },
          "analytics database reachable again; writing the counts kept in memory",
        );
      problem = null;
      options.onOpen(db);
      return db;
    } catch (error) {
      if (error instanceof MigrationError) {
        options.logger.error({ migration: error.migration, reason: error.reason }, error.message);
        options.onGiveUp?.(error);
        return null;
      }
      const described = describeDatabaseError(error, options.databaseUrl);
      problem = described.sentence;
      if (!failures++)
        options.logger.error(
          { cause: described.cause },
          `analytics database unavailable, counting in memory and retrying in the background: ${described.sentence}`,
        );
      if (!stopped) (timer = setTimeout(run, delayOf(failures))).unref();
      return null;
    }
  };
  const run = () => void (attempt = tryOnce());
  run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      return attempt;
    },
    problem: () => problem,
  };
}
