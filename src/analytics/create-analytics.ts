/**
 * Analytics for the composition root: opens (and migrates) the database, and returns the sink the
 * conversation records into, the admin routes, a readiness probe and shutdown.
 *
 * ```ts
 * const analytics = await createAnalytics({ config, logger });
 * createApp({ analytics: analytics.sink, routes: [{ path: analyticsRoutePath, app: analytics.routes }],
 *   readiness: [{ name: "database", check: async () => ({ ok: await analytics.ready() }) }] });
 * ```
 */
import type { Hono } from "hono";
import type { Logger } from "pino";
import type { Config } from "../config/config.ts";
import type { AnalyticsSink } from "./analytics-sink.ts";
import { createBufferedSink } from "./buffered-sink.ts";
import { createCounterStore } from "./counter-store.ts";
import { openDatabase } from "./database.ts";
import { analyticsRoutes } from "./http/analytics-routes.ts";
import { scheduleRetention } from "./retention.ts";

export type AnalyticsConfig = Pick<Config, "DATABASE_URL" | "DATA_DIR" | "ADMIN_TOKEN" | "ANALYTICS_RETENTION_DAYS" | "ANALYTICS_MIN_COUNT" | "ANALYTICS_FLUSH_SECONDS" | "ANALYTICS_BUFFER_MAX">;

export interface Analytics {
  sink: AnalyticsSink;
  /** Admin API; mount at `analyticsRoutePath` (/api/analytics). */
  routes: Hono;
  /** The database answers (for /readyz). */
  ready(): Promise<boolean>;
  /** Flushes the buffer, stops the jobs and closes the database. */
  close(): Promise<void>;
}

export interface AnalyticsDeps {
  config: AnalyticsConfig;
  logger: Logger;
  /**
   * Deep-link campaigns to count by name (a list, or a function for content that reloads).
   * Anyone can put anything in a deep link, a name included, so unlisted campaigns count as "other".
   */
  campaigns?: readonly string[] | ((campaign: string) => boolean);
  /** Read and write through a running server's embedded database instead of opening it (staff chat). */
  joinRunning?: boolean;
  /** Flush early after this many events (default 1000). */
  flushEvents?: number;
  now?: () => Date;
  migrationsDir?: string;
}

export async function createAnalytics({ config, logger, ...options }: AnalyticsDeps): Promise<Analytics> {
  const log = logger.child({ module: "analytics" });
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationsDir: options.migrationsDir, joinRunning: options.joinRunning });
  log.info({ database: db.kind, migrationsApplied: db.applied }, "analytics database ready");
  const store = createCounterStore(db.prisma);
  const { campaigns = [] } = options;
  const isCampaign = typeof campaigns === "function" ? campaigns : (c: string) => campaigns.includes(c);
  const sink = createBufferedSink({ writer: store, logger: log, flushSeconds: config.ANALYTICS_FLUSH_SECONDS, flushEvents: options.flushEvents, maxCells: config.ANALYTICS_BUFFER_MAX, isCampaign, now: options.now });
  const stopRetention = scheduleRetention({ store, retentionDays: config.ANALYTICS_RETENTION_DAYS, logger: log, now: options.now });
  let closing: Promise<void> | undefined;
  return {
    sink,
    routes: analyticsRoutes({ store, adminToken: config.ADMIN_TOKEN, minCount: config.ANALYTICS_MIN_COUNT }),
    ready: () => store.ping().then(() => true, () => false),
    close: () =>
      (closing ??= (async () => {
        stopRetention();
        await sink.close();
        await db.close();
      })()),
  };
}
