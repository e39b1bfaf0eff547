/**
 * Composition root: reads config, builds every part, starts them, and stops them in order on
 * SIGTERM/SIGINT. The only module that wires; everything else receives its dependencies.
 */
import type { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, createHmac } from "node:crypto";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { createAnalytics, type Analytics } from "./analytics/create-analytics.ts";
import { analyticsRoutePath } from "./analytics/http/analytics-routes.ts";
import type { Channel, ChannelStatus } from "./channels/channel.ts";
import { createMessageLog } from "./channels/telegram/message-log.ts";
import { createTelegramChannel, type TelegramChannel } from "./channels/telegram/telegram-channel.ts";
import type { TurnObserver } from "./channels/turn-observer.ts";
import { createWhatsAppChannels } from "./channels/whatsapp-from-config.ts";
import { contentDirProblems } from "./config/check-content-dir.ts";
import { loadConfig, publicEndpoint, ConfigError, type Config } from "./config/config.ts";
import { describeStartupError } from "./config/describe-startup-error.ts";
import { contentCampaignTexts } from "./console/campaigns/content-texts.ts";
import { consolePath, createConsole } from "./console/create-console.tsx";
import { consoleToolPages } from "./console/tool-pages.ts";
import { loadConsoleTranslator } from "./console/i18n/console-translator.ts";
import { createCampaignRegistry } from "./staff/campaign-registry.ts";
import { createDeferredStaffStore } from "./staff/deferred-staff-store.ts";
import type { WhatsAppWebChannel } from "./channels/whatsapp-web/whatsapp-web-channel.ts";
import { resolveSessionSecret } from "./config/secrets.ts";
import { channelDeclarations } from "./channels/limits.ts";
import { createHotContent } from "./content/hot-reload.ts";
import type { ContentSource } from "./content/content-source.ts";
import { createConversation } from "./conversation/conversation.ts";
import { contentPaths } from "./content/load-content.ts";
import { createApp } from "./http/create-app.ts";
import { createLogger } from "./logging/create-logger.ts";
import { routeWarnings } from "./logging/route-warnings.ts";
import { createMetrics, type Metrics } from "./metrics/create-metrics.ts";
import { metricsRoute } from "./metrics/metrics-route.ts";
import { observeAnalytics } from "./metrics/observe-analytics.ts";
import { observeSessionStore } from "./metrics/observe-session-store.ts";
import { webhookRequests } from "./metrics/webhook-requests.ts";
import { createTurnObserver } from "./metrics/turn-observer.ts";
import { createMemorySessionStore } from "./sessions/memory-session-store.ts";
import { createMemoryOnceStore, createRedisOnceStore } from "./sessions/once-store.ts";
import { createRedisSessionStore } from "./sessions/redis-session-store.ts";
import { createFallbackSessionStore } from "./sessions/fallback-session-store.ts";
import { withOutageNotice } from "./conversation/outage-notice.ts";
import { createSessionKeyer } from "./sessions/session-key.ts";
import { createInboundQueue } from "./inbound/create-inbound-queue.ts";
import type { InboundHandle } from "./inbound/inbound-queue.ts";

export interface Guardline {
  port: number;
  app: Hono;
  telegram: TelegramChannel | null;
  /** Resolves when every channel has made its first start attempt (retries go on in the background). */
  channelsStarted: Promise<void>;
  /** This process's Prometheus metrics (served at GET /metrics when ADMIN_TOKEN is set). */
  metrics: Metrics;
  /** Resolves when the analytics database is open and migrated; rejects if it cannot be opened. */
  analyticsReady: Promise<void>;
  /** Stops taking updates, finishes turns in flight, flushes, closes. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Extra knobs for tests (fast polling, no per-chat pause). */
  telegram?: { pollingTimeoutSeconds?: number };
  /** Namespace for Redis keys (default `guardline:`); tests use one per run. */
  redisPrefix?: string;
  /** Metrics of turns, replies and retries (default: none). Never given a chat id, phone or text. */
  observer?: TurnObserver;
  /** Opens analytics (default createAnalytics); tests slow it down or watch its sink. */
  openAnalytics?: typeof createAnalytics;
}

export async function startGuardline(config: Config, options: StartOptions = {}): Promise<Guardline> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const secret = resolveSessionSecret(config);
  if (secret.source === "generated")
    logger.info({ dataDir: config.DATA_DIR }, "session secret generated and kept in the data directory");

  // Set once the channels exist; the first load happens before they do.
  let afterReload = (): void => {};
  const content = createHotContent({
    paths: contentPaths(config.CONTENT_DIR),
    channels: channelDeclarations,
    logger: logger.child({ part: "content" }),
    onReload: () => afterReload(),
  });
  content.reload();
  content.watch();

  const metrics = createMetrics();
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, logger) : null;
  const prefix = options.redisPrefix ?? "guardline:";
  // With Redis, a short-lived local copy answers while Redis is down (fallback-session-store.ts).
  const fallback = redis
    ? createFallbackSessionStore(observeSessionStore(createRedisSessionStore(redis, { prefix }), metrics), {
        logger: logger.child({ part: "sessions" }),
      })
    : null;
  const sessions =
    fallback ?? observeSessionStore(createMemorySessionStore({ max: config.SESSION_MAX_MEMORY }), metrics);
  const once = redis ? createRedisOnceStore(redis, { prefix }) : createMemoryOnceStore();
  // Every Telegram and WhatsApp Cloud update is kept here before the webhook answers, and its turn
  // taken from here: on a Redis stream shared by the instances, or in DATA_DIR when embedded. One
  // chat's updates go to one partition, read by one instance at a time in arrival order, so the
  // partition is the chat's line across instances (no lock or line is needed on top of it).
  const inbound = await createInboundQueue({
    redis,
    dataDir: config.DATA_DIR,
    logger,
    ttlSeconds: config.SESSION_TTL,
    prefix,
    claimIdleMs: config.INBOUND_CLAIM_IDLE_MS,
  });
  logger.info({ store: redis ? "redis" : "memory", ttlSeconds: config.SESSION_TTL }, "sessions");
  const keyer = createSessionKeyer(secret.value);

  // Analytics: counts in the embedded PGlite (DATA_DIR) or PostgreSQL (DATABASE_URL), migrated in the
  // background: a fresh database takes seconds to migrate, and /healthz and people must not wait.
  // Its sink buffers from the start; the admin API answers 503 until the database is open.
  // Only campaigns staff listed in flows/settings.yaml or created in the console are counted by
  // name (read per event, so a reload applies).
  // Staff accounts and created campaigns live beside the counters, in the same database.
  const staff = createDeferredStaffStore(() => analytics.prisma());
  const createdCampaigns = createCampaignRegistry(staff, logger);
  const analytics = (options.openAnalytics ?? createAnalytics)({
    config,
    logger,
    campaigns: (campaign) => listedCampaign(content, campaign) || createdCampaigns.has(campaign),
    isTopic: (flow) => isMenuTopic(content, flow),
    currentVersion: (flow) => currentVersion(content, flow),
  });
  const analyticsReady = analytics.opened;
  analyticsReady
    .then(async () => {
      await createdCampaigns.refresh();
      createdCampaigns.start();
    })
    .catch(() => undefined);
  analyticsReady.catch((err) => logger.error({ err }, "analytics database could not be opened"));
  observeAnalytics(metrics, {
    status: () => analytics.sink.status(),
    databaseUp: () => analytics.ready(),
  });

  // Each channel's own share link, read per render: empty until learned at start (the bot's
  // t.me name, the paired or displayed WhatsApp number), never one channel's link on another.
  const links: Record<string, string> = {};
  const textParams = (channel: string) => ({ link: links[channel] ?? "" });
  let telegramBot: string | undefined;
  const observer = options.observer ?? createTurnObserver(metrics);
  const turns = createConversation({
    content,
    sessions,
    keyer,
    analytics: analytics.sink,
    sessionTtlSeconds: config.SESSION_TTL,
    logger: logger.child({ part: "conversation" }),
    textParams,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  });
  const conversation = fallback
    ? withOutageNotice(turns, {
        sessions: fallback,
        keyer,
      })
    : turns;

  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.PUBLIC_URL
          ? {
              type: "webhook",
              url: publicEndpoint(config.PUBLIC_URL, "webhooks/telegram"),
              secret: config.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(secret.value),
            }
          : {
              type: "polling",
              ...(options.telegram?.pollingTimeoutSeconds
                ? { timeoutSeconds: options.telegram.pollingTimeoutSeconds }
                : {}),
            },
        conversation,
        content,
        keyer,
        messageLog: createMessageLog(sessions, keyer, config.SESSION_TTL),
        once,
        inbound,
        logger,
        onStarted: (me) => {
          telegramBot = me.username;
          links.telegram = `https://t.me/${me.username}`;
        },
        observer,
      })
    : null;
  if (!telegram) logger.info("telegram: off, TELEGRAM_BOT_TOKEN not set");
  // Command descriptions come from the locales: a reloaded version may have changed them.
  if (telegram) afterReload = () => void telegram.refreshCommandMenus();

  const whatsapp = await createWhatsAppChannels(config, {
    conversation,
    content,
    keyer,
    logger,
    once,
    inbound,
    observer,
    onLink: (channel, link) => (links[channel] = link),
  });
  const channels: Channel[] = [...(telegram ? [telegram] : []), ...whatsapp.channels];
  const routes: Array<{ path: string; app: Hono }> = [
    ...(telegram?.webhook ? [{ path: "/webhooks/telegram", app: telegram.webhook }] : []),
    ...whatsapp.routes,
    { path: analyticsRoutePath, app: analytics.routes },
    ...(config.ADMIN_TOKEN
      ? [{ path: "/", app: metricsRoute({ registry: metrics.registry, adminToken: config.ADMIN_TOKEN }) }]
      : []),
  ];
  const offChannels: ChannelStatus[] = [
    ...(telegram ? [] : [{ name: "telegram", state: "off" as const, detail: "TELEGRAM_BOT_TOKEN not set" }]),
    ...whatsapp.off,
  ];
  const whatsappWeb = whatsapp.channels.find((c): c is WhatsAppWebChannel => "pairing" in c);
  routes.push({
    path: consolePath,
    app: createConsole({
      staff,
      translator: loadConsoleTranslator(`${config.CONTENT_DIR}/locales`),
      sessionSecret: secret.value,
      ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
      logger: logger.child({ part: "console" }),
      analytics: {
        store: analytics.store,
        minCount: config.ANALYTICS_MIN_COUNT,
        content: {
          isTopic: (flow) => isMenuTopic(content, flow),
          currentVersion: (flow) => currentVersion(content, flow),
        },
      },
      campaigns: { listed: () => listedCampaigns(content), created: (name) => createdCampaigns.add(name) },
      links: { telegramBot: () => telegramBot, whatsappNumber: config.WHATSAPP_NUMBER },
      texts: contentCampaignTexts(content),
      channels: () => [...channels.map((c) => c.status()), ...offChannels],
      ...(telegram
        ? {
            telegramDelivery: config.PUBLIC_URL
              ? `webhook at ${publicEndpoint(config.PUBLIC_URL, "webhooks/telegram")}`
              : "long polling",
          }
        : {}),
      ...(whatsappWeb ? { pairing: () => whatsappWeb.pairing() } : {}),
      pages: consoleToolPages({
        content,
        paths: contentPaths(config.CONTENT_DIR),
        contentDir: config.CONTENT_DIR,
        staff,
        analytics: {
          sink: analytics.sink,
          store: analytics.store,
          minCount: config.ANALYTICS_MIN_COUNT,
          report: {
            isTopic: (flow) => isMenuTopic(content, flow),
            currentVersion: (flow) => currentVersion(content, flow),
          },
        },
        // The simulator shows the Telegram share link, read at each render.
        textParams: {
          get link() {
            return links.telegram ?? "";
          },
        },
      }),
    }),
  });

  let stopping = false;
  const app = createApp({
    logger: logger.child({ part: "http" }),
    ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
    https: Boolean(config.PUBLIC_URL),
    analytics: analytics.sink,
    middleware: [webhookRequests(metrics)],
    routes,
    channels: () => [...channels.map((c) => c.status()), ...offChannels],
    readiness: [
      { name: "shutdown", check: () => ({ ok: !stopping, detail: stopping ? "shutting down" : "running" }) },
      {
        name: "content",
        check: () => {
          const s = content.status();
          return { ok: s.ready, detail: s };
        },
      },
      {
        name: "sessions",
        check: async () => ({ ok: await sessions.ping(), detail: redis ? "redis" : "memory" }),
      },
      {
        name: "database",
        check: async () => await databaseReadiness(analytics, config.DATABASE_URL ? "postgresql" : "pglite"),
      },
    ],
  });

  const server = await listen(app, config.PORT);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "http: listening (GET /healthz, GET /readyz)");

  // Not awaited by start-up: a Bot API server that is down must not keep /healthz or signals waiting.
  const channelsStarted = Promise.all(channels.map((c) => c.start())).then(
    () => undefined,
    (err: unknown) => logger.error({ err }, "a channel could not start"),
  );
  // Sending needs no start-up call, so entries (those a crash left too) are answered from now on.
  inbound.start(runEntry(channels, logger));

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      logger.info("shutting down: no new updates, finishing turns in flight");
      // Intake first, sending last: the entries the queue holds are answered in between (embedded,
      // all of them; with Redis, those in hand, the rest left to the other instances).
      for (const channel of channels)
        await channel
          .pause?.()
          .catch((err) => logger.error({ err, channel: channel.name }, "channel did not pause cleanly"));
      await inbound.stop().catch((err) => logger.error({ err }, "inbound queue did not stop cleanly"));
      for (const channel of channels)
        await channel
          .stop()
          .catch((err) => logger.error({ err, channel: channel.name }, "channel did not stop cleanly"));
      await conversation.drain();
      // close() waits for an opening attempt under way (the first migration included), so the
      // counts held meanwhile are written; a database that is down is not waited for.
      await analytics.sink.flush().catch((err) => logger.error({ err }, "analytics not flushed"));
      await analytics.close().catch((err) => logger.error({ err }, "analytics not closed"));
      content.close();
      createdCampaigns.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sessions.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      logger.info("stopped");
    })());
  return { port, app, telegram, channelsStarted, analyticsReady, metrics, stop };
}

/** Hands an inbound entry to the channel it came from; one not configured here fails (and is retried). */
function runEntry(channels: Channel[], logger: Logger) {
  const byName = new Map(channels.map((c) => [c.name, c]));
  return async (entry: InboundHandle): Promise<void> => {
    const channel = byName.get(entry.entry.channel);
    if (channel?.handle) return channel.handle(entry);
    logger.error({ channel: entry.entry.channel }, "inbound: an update for a channel that is off here");
    throw new Error(`channel ${entry.entry.channel} is not on in this instance`);
  };
}

/** /readyz for the database: its kind when it answers, else the sentence saying why not. */
async function databaseReadiness(part: Analytics, kind: string): Promise<{ ok: boolean; detail: string }> {
  const ok = await part.ready();
  return { ok, detail: ok ? kind : (part.problem() ?? `${kind}: opening and migrating, or unreachable`) };
}

/** Topics are the flows the main menu leads to (what the summary lists), as the loaded bundle says. */
function isMenuTopic(content: ContentSource, flow: string): boolean {
  try {
    return content.current().bundle.topics.has(flow);
  } catch {
    return true;
  }
}

function currentVersion(content: ContentSource, flow: string): string | undefined {
  try {
    return content.current().bundle.flows.get(flow)?.version;
  } catch {
    return undefined;
  }
}

function listedCampaign(content: ContentSource, campaign: string): boolean {
  return listedCampaigns(content).includes(campaign);
}

function listedCampaigns(content: ContentSource): readonly string[] {
  try {
    return content.current().bundle.settings.campaigns;
  } catch {
    return [];
  }
}

/** The webhook secret Telegram echoes back, derived so a laptop or a fleet needs no extra setting. */
export function deriveWebhookSecret(sessionSecret: string): string {
  return createHmac("sha256", sessionSecret).update("telegram-webhook").digest("base64url");
}

function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 5000 });
  let lastLogged = 0;
  // ioredis reconnects by itself; log the outage now and then, not on every attempt.
  redis.on("error", (err) => {
    if (Date.now() - lastLogged < 30_000) return;
    lastLogged = Date.now();
    logger.warn(
      { err, redis: createHash("sha256").update(url).digest("hex").slice(0, 8) },
      "redis unavailable; retrying",
    );
  });
  return redis;
}

function listen(app: Hono, port: number): Promise<ReturnType<typeof createServer>> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port }, () =>
      resolve(server as ReturnType<typeof createServer>),
    );
    server.once("error", reject);
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
    const problems = contentDirProblems(config);
    if (problems.length) throw new ConfigError(problems);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
    process.exit(1);
  }
  // Readable lines for a person at a terminal; JSON for everything else (pipes, containers, collectors).
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stdout.isTTY) });
  routeWarnings(logger);
  let guardline: Guardline;
  try {
    guardline = await startGuardline(config, { logger });
  } catch (error) {
    logger.fatal(`Guardline could not start: ${describeStartupError(error, config)}`);
    process.exit(1);
  }
  const shutdown = (reason: string, exitCode = 0) => {
    logger.info({ reason }, "shutting down");
    // A turn stuck on a dead network must not keep the process from exiting forever. 25 s fits
    // a 30 s stop timeout (Kubernetes' default; `docker run --stop-timeout 30`, see README).
    setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, 25_000).unref();
    guardline.stop().then(
      () => process.exit(exitCode),
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // Counting is part of the service: without its database, stop (and let the supervisor restart).
  guardline.analyticsReady.catch(() => shutdown("analytics database could not be opened", 1));
}

/** Runs the service as a command: `tsx src/main.ts`, or the bundle that `npm start` builds. */
export function runFromCommandLine(): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Guardline could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) runFromCommandLine();
