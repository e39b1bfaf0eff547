import parsePrometheusTextFormat from "parse-prometheus-text-format";
/**
 * Integration: the whole service as `npm start` builds it, on port 0, against a fake Bot API on
 * loopback: no token, long polling, webhook, and (with TEST_REDIS_URL) Redis sessions.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../test/support/telegram/fake-bot-api.ts";
import { buttons } from "../test/support/telegram/harness.ts";
import { callbackUpdate, privateChatId, textUpdate, userName } from "../test/support/telegram/updates.ts";
import { createAnalytics } from "./analytics/create-analytics.ts";
import { openDatabase } from "./analytics/database.ts";
import { loadConfig } from "./config/config.ts";
import { createLogger } from "./logging/create-logger.ts";
import { deriveWebhookSecret, startGuardline, type Guardline, type StartOptions } from "./main.ts";
import { resolveSessionSecret } from "./config/secrets.ts";

const mini = new URL("../test/fixtures/mini", import.meta.url).pathname;
let running: Guardline | undefined;
let api: FakeBotApi | undefined;
afterEach(async () => {
  await running?.stop();
  await api?.close();
  running = api = undefined;
});

const adminToken = "test-admin-token-0123456789";
const asAdmin = { headers: { authorization: `Bearer ${adminToken}` } };

async function start(
  env: Record<string, string>,
  extra: Omit<StartOptions, "logger" | "telegram"> & { waitForAnalytics?: boolean } = {},
) {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (l: string) => void lines.push(l) } });
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "guardline-data-")),
    CONTENT_DIR: mini,
    ...env,
  });
  const { waitForAnalytics = true, ...options } = extra;
  running = await startGuardline(config, {
    logger,
    telegram: { pollingTimeoutSeconds: 1 },
    ...options,
  });
  await running.channelsStarted;
  if (waitForAnalytics) await running.analyticsReady;
  return { lines, config, base: `http://127.0.0.1:${running.port}` };
}

describe("Guardline service", () => {
  it("starts with no variables set, serves /healthz and /readyz, and says why Telegram is off", async () => {
    const { lines, base } = await start({ ADMIN_TOKEN: adminToken });
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      checks: { content: { ok: true }, sessions: { ok: true }, database: { ok: true } },
      channels: expect.arrayContaining([{ name: "telegram", state: "off" }]),
    });
    const detailed = await fetch(`${base}/readyz`, asAdmin);
    expect(await detailed.json()).toMatchObject({
      checks: { sessions: { ok: true, detail: "memory" } },
      channels: expect.arrayContaining([
        { name: "telegram", state: "off", detail: "TELEGRAM_BOT_TOKEN not set" },
      ]),
    });
    expect(lines.join("")).toContain("telegram: off, TELEGRAM_BOT_TOKEN not set");
    await running!.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    // The first start in this file opens and migrates a fresh embedded database (PGlite's cold start).
  }, 60_000);

  it("answers on Telegram by long polling, from /start to the helpline contacts", async () => {
    api = await startFakeBotApi();
    await start({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot });
    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => api!.texts().length === 3);
    api.push(callbackUpdate(2, buttons(api)["the Netherlands"]!));
    await api.waitFor(() => api!.texts().includes("What would you like to know?"));
    api.push(callbackUpdate(3, buttons(api)["Get help now"]!));
    await api.waitFor(() => api!.texts().some((t) => t.includes("Call 112")));
  });

  it("answers on Telegram by webhook with the derived secret, and refuses a forged one", async () => {
    api = await startFakeBotApi();
    // Behind a reverse proxy under a path: the webhook address keeps it.
    const { config, base } = await start({
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      PUBLIC_URL: "https://example.org/guardline",
      ADMIN_TOKEN: adminToken,
    });
    const secret = deriveWebhookSecret(resolveSessionSecret(config).value);
    expect(api.callsOf("setWebhook")[0]?.payload).toMatchObject({
      url: "https://example.org/guardline/webhooks/telegram",
      secret_token: secret,
    });
    const post = (update: unknown, token: string) =>
      fetch(`${base}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": token },
        body: JSON.stringify(update),
      });
    expect((await post(textUpdate(1, "/start"), "forged")).status).toBe(401);
    expect((await post(textUpdate(2, "/start"), secret)).status).toBe(200);
    await running!.telegram!.idle();
    expect(api.texts()).toEqual([
      "Hello, I am Guardline.",
      "Nothing that identifies you is kept.",
      "Where do you live?",
    ]);

    // Prometheus sees both requests, the session store and the database, behind the admin token.
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const families = parsePrometheusTextFormat(await (await fetch(`${base}/metrics`, asAdmin)).text());
    const family = (name: string) => families.find((f) => f.name === name);
    expect(family("guardline_webhook_requests_total")?.metrics).toEqual(
      expect.arrayContaining([
        { labels: { channel: "telegram", status: "401" }, value: "1" },
        { labels: { channel: "telegram", status: "200" }, value: "1" },
      ]),
    );
    expect(family("guardline_session_store_seconds")?.type).toBe("HISTOGRAM");
    expect(family("guardline_analytics_database_up")?.metrics).toEqual([{ value: "1" }]);
    expect(family("nodejs_eventloop_lag_p99_seconds")).toBeDefined();
  });
});

describe("Guardline start-up", () => {
  it("serves /healthz and answers people before the analytics database is open, and keeps their counts", async () => {
    api = await startFakeBotApi();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let counted = 0;
    const openAnalytics: typeof createAnalytics = (deps) => {
      const part = createAnalytics({
        ...deps,
        openDatabase: async (options) => (await gate, openDatabase(options)),
      });
      const inner = part.sink;
      return {
        ...part,
        sink: {
          ...inner,
          record: (turn, dims) => ((counted += turn.events.length), inner.record(turn, dims)),
        },
      };
    };
    const { base } = await start(
      { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, ADMIN_TOKEN: adminToken },
      { openAnalytics, waitForAnalytics: false },
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notYet = await fetch(`${base}/readyz`);
    expect(notYet.status).toBe(503);
    expect(await notYet.json()).toMatchObject({ checks: { content: { ok: true }, database: { ok: false } } });
    expect((await fetch(`${base}/api/analytics/summary`, asAdmin)).status).toBe(503);

    api.push(textUpdate(1, "/start"));
    await api.waitFor(() => api!.texts().length === 3);
    // Counted at once, into the buffer that waits for the database.
    expect(counted).toBeGreaterThan(0);
    open();
    await running!.analyticsReady;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/api/analytics/summary`, asAdmin)).status).toBe(200);
  });

  it("sets the command menus again when a content reload changes them", async () => {
    const content = mkdtempSync(join(tmpdir(), "guardline-content-"));
    cpSync(mini, content, { recursive: true });
    api = await startFakeBotApi();
    await start({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, CONTENT_DIR: content });
    const before = api.callsOf("setMyCommands").length;
    expect(before).toBeGreaterThan(0);
    const common = join(content, "locales/en/common.json");
    const texts = JSON.parse(readFileSync(common, "utf8")) as Record<string, unknown>;
    writeFileSync(
      common,
      JSON.stringify(
        { ...texts, commands: { ...(texts.commands as object), menu: "Start again from the main menu" } },
        null,
        2,
      ),
    );
    await api.waitFor((calls) =>
      calls.some(
        (c) =>
          c.method === "setMyCommands" &&
          JSON.stringify(c.payload).includes("Start again from the main menu"),
      ),
    );
    expect(api.callsOf("setMyCommands").length).toBeGreaterThan(before);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)("Guardline service with Redis (TEST_REDIS_URL)", () => {
  it("keeps no chat id, user name or message text in Redis keys or values", async () => {
    const prefix = `guardline-test:${randomBytes(6).toString("hex")}:`;
    const redis = new Redis(redisUrl!);
    try {
      api = await startFakeBotApi();
      const { base } = await start(
        {
          TELEGRAM_BOT_TOKEN: api.token,
          TELEGRAM_API_ROOT: api.apiRoot,
          REDIS_URL: redisUrl!,
          ADMIN_TOKEN: adminToken,
        },
        { redisPrefix: prefix },
      );
      expect(await (await fetch(`${base}/readyz`, asAdmin)).json()).toMatchObject({
        checks: { sessions: { ok: true, detail: "redis" } },
      });
      api.push(textUpdate(1, "/start"));
      await api.waitFor(() => api!.texts().length === 3);
      api.push(textUpdate(2, "my neighbour Zanele shouts at her son"));
      api.push(callbackUpdate(3, "o:pick_country:nl"));
      await api.waitFor(() => api!.texts().includes("What would you like to know?"));
      // The last reply goes out a moment before its entry is answered and deleted: wait for that,
      // as this test is about what stays in Redis once people have been answered.
      const unanswered = async () => {
        const streams = (await redis.keys(`${prefix}inbound:p*`)).filter((k) => /:p\d+$/.test(k));
        const lengths = await Promise.all(streams.map((k) => redis.xlen(k)));
        return lengths.reduce((a, b) => a + b, 0);
      };
      for (let waited = 0; (await unanswered()) > 0; waited += 20) {
        if (waited > 10_000) throw new Error("entries still unanswered after 10 s");
        await new Promise((r) => setTimeout(r, 20));
      }
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      // Every kind of key: session strings, the inbound streams (answered entries are deleted),
      // their progress hashes, the instances' member set.
      const valueOf = async (key: string): Promise<unknown> => {
        const type = await redis.type(key);
        if (type === "stream") return redis.xrange(key, "-", "+");
        if (type === "hash") return redis.hgetall(key);
        if (type === "zset") return redis.zrange(key, 0, -1);
        return redis.get(key);
      };
      const dump = JSON.stringify([...keys, ...(await Promise.all(keys.map(valueOf)))]);
      for (const secret of [String(privateChatId), userName, "Amara", "Zanele", "shouts"])
        expect(dump).not.toContain(secret);
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
