/**
 * Integration, several instances as real processes: two `src/main.ts` processes on random ports
 * sharing the real Redis (TEST_REDIS_URL) and a PostgreSQL database (TEST_DATABASE_URL), each
 * through a TCP proxy the test cuts and restores, with a fake Bot API in webhook mode: the
 * topology of compose.yaml without Docker. Each case asserts that nothing is lost and nothing
 * answered twice: one chat's updates alternating between the instances, one update delivered
 * many times, an instance killed mid-turn, Bot API failures, Redis and PostgreSQL outages. The
 * outages are short here; `npm run bench -- soak` and FAULT_REDIS_MS / FAULT_POSTGRES_MS make
 * them as long as wanted (20 s and 60 s).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partitionOf } from "../src/inbound/partition.ts";
import { createSessionKeyer } from "../src/sessions/session-key.ts";
import { startFakeBotApi, type FakeBotApi } from "./support/telegram/fake-bot-api.ts";
import { textUpdate } from "./support/telegram/updates.ts";
import { startGuardlineProcess, type GuardlineProcess } from "./support/guardline-process.ts";
import { hostPort, startTcpProxy, type TcpProxy } from "./support/tcp-proxy.ts";
import { orderedScript } from "./support/ordered-script.ts";

const redisUrl = process.env.TEST_REDIS_URL;
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisOutageMs = Number(process.env.FAULT_REDIS_MS ?? 3000);
const postgresOutageMs = Number(process.env.FAULT_POSTGRES_MS ?? 4000);
const secret = "instances-test-webhook-secret";
const sessionSecret = randomBytes(24).toString("base64url");
/** A killed instance's entries are taken over this soon (INBOUND_CLAIM_IDLE_MS). */
const claimIdleMs = 1500;
const script = orderedScript;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!redisUrl || !databaseUrl)("two instances sharing Redis and PostgreSQL (processes)", () => {
  let api: FakeBotApi;
  let redisProxy: TcpProxy;
  let pgProxy: TcpProxy;
  let instances: GuardlineProcess[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  const redis = new Redis(redisUrl!);
  let updateId = 1;
  const chatBase = 700_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
  let nextChat = chatBase;

  beforeAll(async () => {
    api = await startFakeBotApi();
    redisProxy = await startTcpProxy(hostPort(redisUrl!, 6379));
    pgProxy = await startTcpProxy(hostPort(databaseUrl!, 5432));
    await db.connect();
    const keys = await redis.keys("guardline:*");
    if (keys.length) await redis.del(...keys);
    const env = {
      CONTENT_DIR: "test/fixtures/mini",
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: secret,
      PUBLIC_URL: "https://guardline.test",
      SESSION_SECRET: sessionSecret,
      REDIS_URL: redisProxy.url(redisUrl!),
      DATABASE_URL: pgProxy.url(databaseUrl!),
      ANALYTICS_FLUSH_SECONDS: "1",
      INBOUND_CLAIM_IDLE_MS: String(claimIdleMs),
    };
    instances = await Promise.all(
      [1, 2].map(() =>
        startGuardlineProcess({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), "guardline-i-")) }),
      ),
    );
    for (const i of instances) await waitReady(i);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await Promise.all([api?.close(), redisProxy?.close(), pgProxy?.close()]);
    const keys = await redis.keys("guardline:*");
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db.end();
  });

  async function waitReady(instance: GuardlineProcess): Promise<void> {
    const end = Date.now() + 60_000;
    while (
      (await fetch(`${instance.base}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (Date.now() > end) throw new Error("instance not ready");
      await sleep(200);
    }
  }
  const post = (instance: GuardlineProcess, body: unknown) =>
    fetch(`${instance.base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(body),
    }).then((r) => r.status);
  const textsTo = (chat: number) =>
    api.calls
      .filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat)
      .map((c) => String(c.payload.text));
  const sentTo = (chat: number) => textsTo(chat).length;
  /** Turns answered by every instance, every run so far (from their logs). */
  const answered = () =>
    instances.reduce((n, i) => n + i.logs.filter((l) => l.msg === "turn answered").length, 0);
  /** The instance reading the chat's partition of the inbound stream now. */
  async function ownerOf(chat: number): Promise<GuardlineProcess> {
    const partition = partitionOf(createSessionKeyer(sessionSecret)("telegram", String(chat)), 16);
    const consumer = await redis.get(`guardline:inbound:lease:${partition}`);
    const owner = instances.find((i) => i.logs.some((l) => l.consumer === consumer));
    if (!owner) throw new Error(`no instance holds partition ${partition}`);
    return owner;
  }
  async function settle(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check()) && Date.now() < end) await sleep(50);
  }
  /** How many messages a /start is answered with: one chat, one delivery, measured. */
  let perStart = 0;
  async function measure(): Promise<number> {
    if (perStart) return perStart;
    const chat = nextChat++;
    expect(await post(instances[0]!, textUpdate(updateId++, "/start", { chatId: chat }))).toBe(200);
    // Replies to one chat are paced (about one a second), so wait until no more come.
    let seen = -1;
    while (seen !== sentTo(chat) || seen === 0) {
      seen = sentTo(chat);
      await sleep(1500);
    }
    return (perStart = seen);
  }

  it.each([0, 5, 50])(
    "answers one chat's 20 updates alternating between the instances %i ms apart as one instance does",
    async (gap) => {
      // The one-instance transcript: each update posted once the previous turn is answered.
      const alone = nextChat++;
      for (const text of script) {
        const before = answered();
        expect(await post(instances[0]!, textUpdate(updateId++, text, { chatId: alone }))).toBe(200);
        await settle(() => answered() > before, 10_000);
      }
      const expected = textsTo(alone);
      expect(expected.length).toBeGreaterThan(script.length);
      const chat = nextChat++;
      const before = answered();
      for (const [n, text] of script.entries()) {
        expect(await post(instances[n % 2]!, textUpdate(updateId++, text, { chatId: chat }))).toBe(200);
        if (gap) await sleep(gap);
      }
      await settle(() => answered() >= before + script.length, 30_000);
      await sleep(300);
      expect(textsTo(chat)).toEqual(expected);
    },
    90_000,
  );

  it("answers a turn whose instance was killed mid-turn on the survivor, resuming after what was sent", async () => {
    const once = await measure();
    const chat = nextChat++;
    const victim = await ownerOf(chat);
    const survivor = instances.find((i) => i !== victim)!;
    // The first message goes out; the second is in flight when the instance reading the chat dies.
    const inFlight = api.stallNext("sendMessage", 1);
    expect(await post(survivor, textUpdate(updateId++, "/start", { chatId: chat }))).toBe(200);
    await inFlight;
    await victim.kill9();
    expect(sentTo(chat)).toBe(1);
    // Meanwhile another chat is answered, by the survivor alone.
    const other = nextChat++;
    expect(await post(survivor, textUpdate(updateId++, "/start", { chatId: other }))).toBe(200);
    await settle(() => sentTo(chat) >= once && sentTo(other) >= once, 20_000);
    await sleep(500);
    expect([sentTo(chat), sentTo(other)]).toEqual([once, once]);
    await victim.restart();
    await waitReady(victim);
  }, 60_000);

  it("delivers a reply that meets five 429s and six 500s, while other chats are answered", async () => {
    const once = await measure();
    const slow = nextChat++;
    api.failNext("sendMessage", "429", 5, slow);
    api.failNext("sendMessage", "500", 6, slow);
    expect(await post(instances[0]!, textUpdate(updateId++, "/start", { chatId: slow }))).toBe(200);
    const others: number[] = [];
    for (let n = 0; n < 6; n++) {
      const chat = nextChat++;
      others.push(chat);
      expect(await post(instances[n % 2]!, textUpdate(updateId++, "/start", { chatId: chat }))).toBe(200);
    }
    await settle(() => others.every((c) => sentTo(c) >= once), 10_000);
    // The others were answered while the slow chat still waited out Telegram.
    expect(others.map(sentTo)).toEqual(others.map(() => once));
    expect(sentTo(slow)).toBe(0);
    await settle(() => sentTo(slow) >= once, 40_000);
    await sleep(500);
    expect(sentTo(slow)).toBe(once);
  }, 60_000);

  it("answers one update delivered ten times to each instance once", async () => {
    const once = await measure();
    expect(once).toBeGreaterThan(0);
    const chat = nextChat++;
    const update = textUpdate(updateId++, "/start", { chatId: chat });
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, n) => post(instances[n % 2]!, update)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await settle(() => sentTo(chat) >= once, 10_000);
    await sleep(1200);
    expect(sentTo(chat)).toBe(once);
  });

  it(
    "answers every chat while Redis is unreachable, telling each once that it may restart",
    { timeout: redisOutageMs + 60_000 },
    async () => {
      const once = await measure();
      const chats: number[] = [];
      redisProxy.cut();
      const end = Date.now() + redisOutageMs;
      for (let n = 0; Date.now() < end; n++) {
        const chat = nextChat++;
        chats.push(chat);
        expect(await post(instances[n % 2]!, textUpdate(updateId++, "/start", { chatId: chat }))).toBe(200);
        await sleep(250);
      }
      await settle(() => chats.every((c) => sentTo(c) >= once + 1), 10_000);
      redisProxy.restore();
      await sleep(1200);
      // Every chat got its answer, plus one notice, during the outage: none lost, none twice.
      expect(chats.map(sentTo)).toEqual(chats.map(() => once + 1));
      const after = nextChat++;
      // Both instances must have seen Redis back before a new chat is expected to go without a notice.
      for (const instance of instances)
        await settle(async () => (await fetch(`${instance.base}/readyz`)).status === 200, 10_000);
      expect(await post(instances[1]!, textUpdate(updateId++, "/start", { chatId: after }))).toBe(200);
      await settle(() => sentTo(after) >= once, 10_000);
      await sleep(1200);
      expect(sentTo(after)).toBe(once);
    },
  );

  it("loses no count while PostgreSQL is unreachable", { timeout: postgresOutageMs + 60_000 }, async () => {
    await measure();
    const started = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            "select coalesce(sum(count), 0) as n from analytics_counter where kind = 'conversation_started'",
          )
        ).rows[0]!.n,
      );
    await settle(async () => (await started()) >= 1, 5000);
    const before = await started();
    pgProxy.cut();
    const chats: number[] = [];
    const end = Date.now() + postgresOutageMs;
    for (let n = 0; Date.now() < end; n++) {
      const chat = nextChat++;
      chats.push(chat);
      expect(await post(instances[n % 2]!, textUpdate(updateId++, "/start", { chatId: chat }))).toBe(200);
      await sleep(200);
    }
    await settle(() => chats.every((c) => sentTo(c) > 0), 10_000);
    pgProxy.restore();
    await settle(async () => (await started()) >= before + chats.length, 20_000);
    expect(await started()).toBe(before + chats.length);
  });
});
