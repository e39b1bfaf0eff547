/**
 * Analytics for the composition root: the sink the conversation records into, the admin routes,
 * a readiness probe and shutdown. Synchronous, and buffering from the start: the database is
 * opened (and migrated) in the background, retried with backoff while it is down; counts wait in
 * memory (bounded) meanwhile, and the admin routes answer 503 (AnalyticsUnavailableError).
 *
 * ```ts
 * const analytics = createAnalytics({ config, logger, campaigns, isTopic });
 * createApp({ analytics: analytics.sink, routes: [{ path: analyticsRoutePath, app: analytics.routes }],
 *   readiness: [{ name: "database", check: async () => ({ ok: await analytics.ready() }) }] });
 * ```
 */
import type { Hono } from "hono";
import type { Logger } from "pino";
import type { Config } from "../config/config.ts";
import { join } from "node:path";
import { createBufferedSink, errorSummary, type BufferedSink } from "./buffered-sink.ts";
import { openCountJournal } from "./count-journal.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createCounterStore, type CounterStore } from "./counter-store.ts";
import { openDatabase, type Database } from "./database.ts";
import { createDeferredStore } from "./deferred-store.ts";
import { runningHolder } from "./embedded-postgres.ts";
import { analyticsRoutes } from "./http/analytics-routes.ts";
import { openWithRetry, type Opening } from "./open-with-retry.ts";
import type { ReportContent } from "./report-figures.ts";
import { scheduleRetention } from "./retention.ts";

export type AnalyticsConfig = Pick<
  Config,
  | "DATABASE_URL"
  | "DATA_DIR"
  | "ADMIN_TOKEN"
  | "ANALYTICS_RETENTION_DAYS"
  | "ANALYTICS_MIN_COUNT"
  | "ANALYTICS_FLUSH_SECONDS"
  | "ANALYTICS_BUFFER_MAX"
>;

export interface Analytics {
  /** Its status() feeds /metrics. */
  sink: BufferedSink;
  /** Admin API; mount at `analyticsRoutePath` (/api/analytics). Answers 503 until the database is open. */
  routes: Hono;
  /** The database is open and answers (for /readyz). */
  ready(): Promise<boolean>;
  /** Why the database cannot be opened, as one sentence for /readyz; null when there is no known problem. */
  problem(): string | null;
  /**
   * Resolves the first time the database is open and migrated (createAnalytics itself does not
   * wait for it); rejects if a migration failed, which retrying cannot fix.
   */
  opened: Promise<void>;
  /** Flushes the buffer, stops the jobs and closes the database. */
  close(): Promise<void>;
  /** The counters reports read (the staff console's dashboard); throws AnalyticsUnavailableError until open. */
  store: CounterStore;
  /** The open database's client (staff accounts live beside the counters), or null until open. */
  prisma(): PrismaClient | null;
}

export interface AnalyticsDeps extends ReportContent {
  config: AnalyticsConfig;
  logger: Logger;
  /**
   * Deep-link campaigns to count by name (a list, or a function for content that reloads).
   * Anyone can put anything in a deep link, a name included, so unlisted campaigns count as "other".
   */
  campaigns?: readonly string[] | ((campaign: string) => boolean);
  /** Read and write through a running server's embedded database instead of opening it. */
  joinRunning?: boolean;
  /**
   * For short-lived staff tools (the staff chat): never keep DATA_DIR's embedded database open
   * while it runs, so `npm start` can start meanwhile. Joins a running server's embedded database;
   * without one, counts wait in memory and are written in one brief opening at close().
   * (With DATABASE_URL it connects as usual.)
   */
  joinOnly?: boolean;
  /** Flush before the timer once this many distinct cells are buffered (default: half the buffer). */
  flushCells?: number;
  /** Backoff for opening the database and for failed writes (default 1 s doubling to 60 s). */
  retry?: { firstMs: number; maxMs: number };
  now?: () => Date;
  migrationsDir?: string;
  /** Opens the database (default openDatabase); tests hold it back to see start-up. */
  openDatabase?: typeof openDatabase;
}

export function createAnalytics({ config, logger, ...options }: AnalyticsDeps): Analytics {
  const log = logger.child({ module: "analytics" });
  const store = createDeferredStore();
  const { campaigns = [] } = options;
  const isCampaign = typeof campaigns === "function" ? campaigns : (c: string) => campaigns.includes(c);
  const canWrite = () => store.attached;
  // The server's buffer survives a crash (count-journal.ts); staff tools joining it keep none.
  const journal =
    options.joinOnly || options.joinRunning
      ? null
      : openCountJournal(join(config.DATA_DIR, "analytics-journal"), { logger: log });
  const writer = journal?.wrapWriter(store) ?? store;
  const buffered = createBufferedSink({
    writer,
    logger: log,
    flushSeconds: config.ANALYTICS_FLUSH_SECONDS,
    flushCells: options.flushCells,
    maxCells: config.ANALYTICS_BUFFER_MAX,
    isCampaign,
    canWrite,
    ...(journal ? { journal } : {}),
    retry: options.retry,
    now: options.now,
  });
  const sink = buffered;
  const deferOpening = Boolean(options.joinOnly && !config.DATABASE_URL && !runningHolder(config.DATA_DIR));
  const open = () =>
    (options.openDatabase ?? openDatabase)({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      migrationsDir: options.migrationsDir,
      joinRunning: options.joinRunning || options.joinOnly,
    });
  let stopRetention = () => {};
  let markOpened = () => {};
  let markFailed = (_error: Error) => {};
  const opened = new Promise<void>((resolve, reject) => ((markOpened = resolve), (markFailed = reject)));
  opened.catch(() => {}); // reported in the log; awaiting it is optional
  let database: Database | null = null;
  const attach = (db: Database) => {
    database = db;
    log.info({ database: db.kind, migrationsApplied: db.applied }, "analytics database ready");
    store.attach(createCounterStore(db.prisma));
    if (!deferOpening)
      stopRetention = scheduleRetention({
        store,
        retentionDays: config.ANALYTICS_RETENTION_DAYS,
        logger: log,
        now: options.now,
      });
    void sink.flush();
    if (journal?.pending().length) void writer.increment([]).catch(() => undefined); // retried with the next batch
    markOpened();
  };
  const opening: Opening | null = deferOpening
    ? null
    : openWithRetry({
        open,
        onOpen: attach,
        onGiveUp: markFailed,
        logger: log,
        retry: options.retry,
        databaseUrl: config.DATABASE_URL,
      });
  let closing: Promise<void> | undefined;
  return {
    sink,
    routes: analyticsRoutes({
      store,
      adminToken: config.ADMIN_TOKEN,
      minCount: config.ANALYTICS_MIN_COUNT,
      isTopic: options.isTopic,
      currentVersion: options.currentVersion,
    }),
    ready: async () =>
      store.attached &&
      store.ping().then(
        () => true,
        () => false,
      ),
    problem: () => opening?.problem() ?? null,
    opened,
    close: () => (closing ??= closeAll()),
    store,
    prisma: () => database?.prisma ?? null,
  };

  async function closeAll(): Promise<void> {
    const db = opening ? await opening.stop() : await openBriefly();
    stopRetention();
    await sink.close();
    journal?.close();
    await db?.close();
  }

  /** joinOnly without a running server: open only now, to write what was counted. */
  async function openBriefly(): Promise<Database | null> {
    try {
      const db = await open();
      store.attach(createCounterStore(db.prisma));
      markOpened();
      return db;
    } catch (error) {
      log.warn(
        { err: errorSummary(error) },
        "analytics database could not be opened to write this session's counts",
      );
      return null;
    }
  }
}
