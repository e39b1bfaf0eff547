/**
 * `npm run bench -- soak [--users 200] [--seconds 120]`: two Guardline processes sharing Redis
 * (BENCH_REDIS_URL or TEST_REDIS_URL, default redis://127.0.0.1:6379/10) and, when set,
 * PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), a fake Bot API in webhook mode, and
 * virtual users who each run short conversations, posting every message to the two instances in
 * turn 50 ms apart. Half-way through, one instance is killed with SIGKILL and started again; a
 * message that finds it down goes to the other (as the proxy in front would send Telegram's retry).
 *
 * Each conversation's replies are compared with the same conversation run alone on one instance:
 * equal = answered; fewer replies = lost; more = duplicated; as many but different = out of order.
 * The notice that a conversation may restart (sent when Redis answered slower than the session
 * store's timeout, as on an overloaded machine) is counted apart and left out of the comparison.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { startFakeBotApi } from "../test/support/telegram/fake-bot-api.ts";
import { textUpdate } from "../test/support/telegram/updates.ts";
import { startGuardlineProcess, type GuardlineProcess } from "../test/support/guardline-process.ts";

const script = ["/start", "1", "2", "1", "menu"];
/** The notice in every language (the person may have picked one before it came). */
const localesDir = new URL("../locales/", import.meta.url);
const outageNotices = new Set(
  readdirSync(localesDir).flatMap((language) => {
    const file = new URL(`${language}/common.json`, localesDir);
    if (!existsSync(file)) return [];
    const texts = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return typeof texts.session_may_restart === "string" ? [texts.session_may_restart] : [];
  }),
);
const isNotice = (text: string) => outageNotices.has(text);
const secret = "soak-webhook-secret";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function run(): Promise<void> {
  const users = arg("users", 200);
  const seconds = arg("seconds", 120);
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/10";
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const api = await startFakeBotApi();
  const prefixKeys = async () => {
    const redis = new Redis(redisUrl);
    const keys = await redis.keys("guardline:*");
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  };
  await prefixKeys();
  const env = {
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: secret,
    PUBLIC_URL: "https://guardline.bench",
    SESSION_SECRET: randomBytes(24).toString("base64url"),
    REDIS_URL: redisUrl,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const start = () =>
    startGuardlineProcess({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), "guardline-soak-")) });
  const instances = await Promise.all([start(), start()]);
  await Promise.all(instances.map(ready));
  let updateId = 1;
  let chatId = 800_000_000;
  const texts = (chat: number) =>
    api.calls
      .filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat)
      .map((c) => String(c.payload.text));

  process.stdout.write("soak: reference conversation on one instance…\n");
  const referenceChat = chatId++;
  for (const text of script) {
    await post(instances, 0, textUpdate(updateId++, text, { chatId: referenceChat }));
    await quiet(() => texts(referenceChat).length, 1500);
  }
  const reference = texts(referenceChat).filter((t) => !isNotice(t));

  process.stdout.write(
    `soak: ${users} users for ${seconds} s, one instance killed and restarted half-way…\n`,
  );
  const conversations: number[] = [];
  const end = Date.now() + seconds * 1000;
  const user = async () => {
    while (Date.now() < end) {
      const chat = chatId++;
      conversations.push(chat);
      for (const [n, text] of script.entries()) {
        await post(instances, n % 2, textUpdate(updateId++, text, { chatId: chat }));
        await sleep(50);
      }
      await quiet(() => texts(chat).length, 3000);
    }
  };
  const restart = (async () => {
    await sleep((seconds * 1000) / 2);
    await instances[1]!.kill9();
    process.stdout.write("soak: instance 2 killed (SIGKILL); restarting\n");
    await instances[1]!.restart();
    await ready(instances[1]!);
  })();
  await Promise.all([...Array.from({ length: users }, user), restart]);
  process.stdout.write("soak: waiting for the last replies…\n");
  await quiet(() => api.calls.length, 10_000);

  const tally = {
    conversations: conversations.length,
    answered: 0,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    withOutageNotice: 0,
    // Updates posted (each accepted with a 200) and turns the instances logged as answered: every
    // update's turn ran at least once, whatever the conversation's state made of it. The killed
    // instance's last log lines may die with it, so this can fall short by a line or two.
    updatesPosted: conversations.length * script.length,
    turnsAnswered:
      instances.reduce(
        (n, i) => n + i.logs.filter((l) => String(l.msg).startsWith("turn answered")).length,
        0,
      ) - script.length,
  };
  for (const chat of conversations) {
    const all = texts(chat);
    const got = all.filter((t) => !isNotice(t));
    if (got.length < all.length) tally.withOutageNotice++;
    if (got.length < reference.length) tally.lost++;
    else if (got.length > reference.length) tally.duplicated++;
    else if (got.some((t, i) => t !== reference[i])) tally.outOfOrder++;
    else tally.answered++;
  }
  process.stdout.write(`${JSON.stringify(tally)}\n`);
  process.stdout.write(
    `turns: ${tally.updatesPosted} updates posted, ${tally.turnsAnswered} turns answered\n` +
      `answered ${tally.answered}  lost ${tally.lost}  duplicated ${tally.duplicated}  out-of-order ${tally.outOfOrder}  (of ${tally.conversations} conversations, ${reference.length} replies each; ${tally.withOutageNotice} also told the conversation may restart)\n`,
  );
  await Promise.all(instances.map((i) => i.stop()));
  await api.close();
  await prefixKeys();
}

async function ready(instance: GuardlineProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (
      (await fetch(`${instance.base}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      return;
    await sleep(100);
  }
  throw new Error("an instance did not become ready");
}

/** Posts to instance `n`; when it is down, to the other, as a load balancer would. */
async function post(instances: GuardlineProcess[], n: number, update: unknown): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const target = instances[(n + attempt) % instances.length]!;
    const status = await fetch(`${target.base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
}

/** Waits until `count` has not changed for `ms`. */
async function quiet(count: () => number, ms: number): Promise<void> {
  let last = -1;
  while (last !== count()) {
    last = count();
    await sleep(ms);
  }
}
