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
import { createForwardingSink } from "./analytics/forwarding-sink.ts";
import { analyticsRoutePath } from "./analytics/http/analytics-routes.ts";
import type { Channel, ChannelStatus } from "./channels/channel.ts";
import { createMessageLog } from "./channels/telegram/message-log.ts";
import { createTelegramChannel, type TelegramChannel } from "./channels/telegram/telegram-channel.ts";
import { createWhatsAppChannels } from "./channels/whatsapp-from-config.ts";
import { loadConfig, publicEndpoint, ConfigError, type Config } from "./config/config.ts";
import { createDeferredStore } from "./analytics/deferred-store.ts";
import { contentCampaignTexts } from "./console/campaigns/content-texts.ts";
import { consolePath, createConsole } from "./console/create-console.tsx";
import { loadConsoleTranslator } from "./console/i18n/console-translator.ts";
import { createCampaignRegistry } from "./staff/campaign-registry.ts";
import { createDeferredStaffStore } from "./staff/deferred-staff-store.ts";
import type { WhatsAppWebChannel } from "./channels/whatsapp-web/whatsapp-web-channel.ts";
import { resolveSessionSecret } from "./config/secrets.ts";
import { createHotContent } from "./content/hot-reload.ts";
import type { ContentSource } from "./conversation/content-source.ts";
import { createConversation } from "./conversation/conversation.ts";
import { contentPaths } from "./flows/load-content.ts";
import { createApp } from "./http/create-app.ts";
import { deferredApp } from "./http/deferred-app.ts";
import { createLogger } from "./logging/create-logger.ts";
import { createMemorySessionStore } from "./sessions/memory-session-store.ts";
import { createMemoryOnceStore, createRedisOnceStore } from "./sessions/once-store.ts";
import { createRedisSessionStore } from "./sessions/redis-session-store.ts";
import { createSessionKeyer } from "./sessions/session-key.ts";
import { createRedisTurnLock } from "./sessions/turn-lock.ts";

export interface Guardline {
  port: number;
  app: Hono;
  telegram: TelegramChannel | null;
  /** Resolves when every channel has made its first start attempt (retries go on in the background). */
  channelsStarted: Promise<void>;
  /** Resolves when the analytics database is open and migrated; rejects if it cannot be opened. */
  analyticsReady: Promise<void>;
  /** Stops taking updates, finishes turns in flight, flushes, closes. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Extra knobs for tests (fast polling, no per-chat pause). */
  telegram?: { pollingTimeoutSeconds?: number; perChatIntervalMs?: number };
  /** Namespace for Redis keys (default `guardline:`); tests use one per run. */
  redisPrefix?: string;
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
    logger: logger.child({ part: "content" }),
    onReload: () => afterReload(),
  });
  content.reload();
  content.watch();

  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, logger) : null;
  const prefix = options.redisPrefix ?? "guardline:";
  const sessions = redis
    ? createRedisSessionStore(redis, { prefix })
    : createMemorySessionStore({ max: config.SESSION_MAX_MEMORY });
  const once = redis ? createRedisOnceStore(redis, { prefix }) : createMemoryOnceStore();
  // Several instances share Redis: one chat's turns must not overlap across them.
  const turnLock = redis ? createRedisTurnLock(redis, { prefix }) : undefined;
  logger.info({ store: redis ? "redis" : "memory", ttlSeconds: config.SESSION_TTL }, "sessions");
  const keyer = createSessionKeyer(secret.value);

  // Analytics: counts in the embedded PGlite (DATA_DIR) or PostgreSQL (DATABASE_URL), migrated in the
  // background: a fresh database takes seconds to migrate, and /healthz and people must not wait.
  // Until it is open, turns are held by the forwarding sink and the admin API answers 503.
  // Only campaigns staff listed in flows/settings.yaml or created in the console are counted by
  // name (read per event, so a reload applies).
  let analyticsPart: Analytics | null = null;
  const staff = createDeferredStaffStore(() => analyticsPart?.prisma() ?? null);
  const createdCampaigns = createCampaignRegistry(staff, logger);
  const analyticsOpening = (options.openAnalytics ?? createAnalytics)({
    config,
    logger,
    campaigns: (campaign) => listedCampaign(content, campaign) || createdCampaigns.has(campaign),
    isTopic: (flow) => isMenuTopic(content, flow),
    currentVersion: (flow) => currentVersion(content, flow),
  });
  const analytics = createForwardingSink({ logger: logger.child({ module: "analytics" }) });
  const reports = createDeferredStore();
  // createAnalytics resolves at once and opens the database in the background; `opened` says when.
  const analyticsReady = analyticsOpening.then(async (part) => {
    analyticsPart = part;
    analytics.attach(part.sink);
    reports.attach(part.store);
    await part.opened;
    await createdCampaigns.refresh();
    createdCampaigns.start();
  });
  analyticsReady.catch((err) => logger.error({ err }, "analytics database could not be opened"));
  const analyticsRoutes: Array<{ path: string; app: Hono }> = [
    {
      path: analyticsRoutePath,
      app: deferredApp(
        analyticsRoutePath,
        analyticsOpening.then((part) => part.routes),
      ),
    },
  ];

  // Read per render; empty until the bot's name is known, then the bot's t.me link.
  const textParams: Record<string, string> = { link: "" };
  let telegramBot: string | undefined;
  const conversation = createConversation({
    content,
    sessions,
    keyer,
    analytics,
    sessionTtlSeconds: config.SESSION_TTL,
    logger: logger.child({ part: "conversation" }),
    textParams,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    ...(turnLock ? { turnLock } : {}),
  });

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
        messageLog: createMessageLog(sessions, keyer, config.SESSION_TTL),
        once,
        logger,
        onStarted: (me) => {
          telegramBot = me.username;
          textParams.link = `https://t.me/${me.username}`;
        },
        ...(options.telegram?.perChatIntervalMs !== undefined
          ? { perChatIntervalMs: options.telegram.perChatIntervalMs }
          : {}),
      })
    : null;
  if (!telegram) logger.info("telegram: off, TELEGRAM_BOT_TOKEN not set");
  // Command descriptions come from the locales: a reloaded version may have changed them.
  if (telegram) afterReload = () => void telegram.refreshCommandMenus();

  const whatsapp = createWhatsAppChannels(config, { conversation, content, keyer, logger, once });
  const channels: Channel[] = [...(telegram ? [telegram] : []), ...whatsapp.channels];
  const routes: Array<{ path: string; app: Hono }> = [
    ...(telegram?.webhook ? [{ path: "/webhooks/telegram", app: telegram.webhook }] : []),
    ...whatsapp.routes,
    ...analyticsRoutes,
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
        store: reports,
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
    }),
  });

  let stopping = false;
  const app = createApp({
    logger: logger.child({ part: "http" }),
    ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
    analytics,
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
        check: async () =>
          analyticsPart
            ? { ok: await analyticsPart.ready(), detail: config.DATABASE_URL ? "postgresql" : "pglite" }
            : { ok: false, detail: "opening and migrating" },
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

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      logger.info("shutting down: no new updates, finishing turns in flight");
      for (const channel of channels)
        await channel
          .stop()
          .catch((err) => logger.error({ err, channel: channel.name }, "channel did not stop cleanly"));
      await conversation.drain();
      // A shutdown during the first migration waits for it, so the counts held meanwhile are written.
      await analyticsReady.catch(() => undefined);
      await analytics.flush().catch((err) => logger.error({ err }, "analytics not flushed"));
      await (analyticsPart as Analytics | null)
        ?.close()
        .catch((err) => logger.error({ err }, "analytics not closed"));
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
  return { port, app, telegram, channelsStarted, analyticsReady, stop };
}

/** Topics are the flows the main menu leads to (what the summary lists). */
function isMenuTopic(content: ContentSource, flow: string): boolean {
  try {
    const { bundle } = content.current();
    return Boolean(
      bundle.flows
        .get(bundle.settings.menu)
        ?.nodes.some((n) => n.type === "question" && n.options.some((o) => o.flow === flow)),
    );
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
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const guardline = await startGuardline(config, { logger });
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

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Guardline could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
