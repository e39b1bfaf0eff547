/** Integration: the real Redis server from TEST_REDIS_URL, and a consumer in another process killed with SIGKILL. */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../logging/create-logger.ts";
import type { InboundEntry, InboundHandle } from "./inbound-queue.ts";
import { createRedisInboundQueue, type RedisInboundQueue } from "./redis-inbound-queue.ts";

const url = process.env.TEST_REDIS_URL;
const logger = createLogger({ level: "silent" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!url)("Redis inbound queue (TEST_REDIS_URL)", () => {
  const clients: Redis[] = [];
  const queues: RedisInboundQueue[] = [];
  const prefixes: string[] = [];
  const admin = new Redis(url!);
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    for (const prefix of prefixes) {
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length) await admin.del(...keys);
    }
    for (const c of [...clients, admin]) c.disconnect();
  });

  function fresh() {
    const prefix = `guardline-test:${randomBytes(6).toString("hex")}:`;
    prefixes.push(prefix);
    const make = (extra: Partial<Parameters<typeof createRedisInboundQueue>[0]> = {}) => {
      const redis = new Redis(url!);
      clients.push(redis);
      const q = createRedisInboundQueue({ redis, logger, prefix, partitions: 4, leaseMs: 600, ...extra });
      queues.push(q);
      return q;
    };
    return { prefix, make };
  }
  const entry = (chat: string, n: number | string, payload: unknown = n): InboundEntry => ({
    channel: "telegram",
    chatKey: `s:${chat}`,
    dedupeKey: `telegram:${chat}:${n}`,
    payload,
  });
  async function until(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error("timed out");
      await sleep(20);
    }
  }

  it("keeps each chat's order with two consumers sharing the partitions, answering each entry once", async () => {
    const { make } = fresh();
    const a = make();
    const b = make();
    const seen = new Map<string, number[]>();
    const by = { a: 0, b: 0 };
    const handler = (name: "a" | "b") => async (inbound: InboundHandle) => {
      await sleep(Math.random() * 8);
      const list = seen.get(inbound.entry.chatKey) ?? [];
      list.push(inbound.entry.payload as number);
      seen.set(inbound.entry.chatKey, list);
      by[name]++;
    };
    a.start(handler("a"));
    b.start(handler("b"));
    await until(() => a.owned().length === 2 && b.owned().length === 2);
    const chats = ["c1", "c2", "c3", "c4", "c5", "c6"];
    for (let n = 0; n < 20; n++)
      for (const chat of chats) expect(await (n % 2 ? a : b).submit(entry(chat, n))).toBe(true);
    await until(() => [...seen.values()].reduce((sum, l) => sum + l.length, 0) >= 120);
    await sleep(100);
    for (const chat of chats) expect(seen.get(`s:${chat}`)).toEqual([...Array(20).keys()]);
    expect(by.a).toBeGreaterThan(0);
    expect(by.b).toBeGreaterThan(0);
  });

  it("keeps each chat's order while a second consumer joins and takes its share mid-stream", async () => {
    const { make } = fresh();
    const a = make();
    const b = make();
    const seen = new Map<string, number[]>();
    const by = { a: 0, b: 0 };
    const handler = (name: "a" | "b") => async (inbound: InboundHandle) => {
      await sleep(Math.random() * 5);
      seen.set(inbound.entry.chatKey, [
        ...(seen.get(inbound.entry.chatKey) ?? []),
        inbound.entry.payload as number,
      ]);
      by[name]++;
    };
    a.start(handler("a"));
    await until(() => a.owned().length === 4);
    const chats = ["j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8"];
    for (let n = 0; n < 40; n++) {
      if (n === 5) b.start(handler("b")); // a hands partitions over while entries keep coming
      for (const chat of chats) await a.submit(entry(chat, n));
      await sleep(20);
    }
    await until(() => [...seen.values()].reduce((sum, l) => sum + l.length, 0) >= 320);
    await sleep(100);
    for (const chat of chats) expect(seen.get(`s:${chat}`), chat).toEqual([...Array(40).keys()]);
    expect(b.owned().length).toBe(2);
    expect(by.b).toBeGreaterThan(0);
  });

  it("lets the other chats of a partition go on while one chat's turn waits, that chat's next after it", async () => {
    const { make } = fresh();
    const q = make({ partitions: 1 });
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    q.start(async ({ entry: e }) => {
      if (e.dedupeKey === "telegram:slow:1") await held; // a flood wait of minutes, say
      log.push(`${e.chatKey}:${e.payload}`);
    });
    await until(() => q.owned().length === 1);
    await q.submit(entry("slow", 1));
    await q.submit(entry("slow", 2));
    for (let n = 1; n <= 3; n++) await q.submit(entry("other", n));
    await until(() => log.length === 3);
    expect(log).toEqual(["s:other:1", "s:other:2", "s:other:3"]);
    release();
    await until(() => log.length === 5);
    expect(log.slice(3)).toEqual(["s:slow:1", "s:slow:2"]);
  });

  it("answers a redelivered update once, and leaves nothing behind once answered", async () => {
    const { prefix, make } = fresh();
    const q = make();
    expect(await q.submit(entry("d", 1))).toBe(true);
    expect(await q.submit(entry("d", 1))).toBe(false);
    const handled: unknown[] = [];
    q.start(async (inbound) => void handled.push(inbound.entry.payload));
    await until(() => handled.length === 1);
    expect(await q.submit(entry("d", 1))).toBe(false);
    await sleep(200);
    expect(handled).toEqual([1]);
    const streams = (await admin.keys(`${prefix}inbound:p*`)).sort();
    for (const s of streams) expect(await admin.xlen(s), s).toBe(0); // answered entries are deleted
    expect(await admin.keys(`${prefix}inbound:progress:*`)).toEqual([]);
    const seenTtl = await admin.ttl(`${prefix}inbound:seen:telegram:d:1`);
    expect(seenTtl).toBeGreaterThan(7 * 86_400 - 10);
  });

  it("gives a retried entry the progress its earlier attempt recorded", async () => {
    const { make } = fresh();
    const q = make();
    const attempts: Array<{ attempt: number; replies: unknown; sent: number }> = [];
    q.start(async (inbound) => {
      const progress = await inbound.progress();
      attempts.push({ attempt: inbound.attempt, ...progress });
      if (inbound.attempt > 1) return;
      await inbound.recordReplies(["one", "two", "three"]);
      await inbound.recordSent(1);
      throw new Error("the platform went away after the first message");
    });
    await q.submit(entry("p", 1));
    await until(() => attempts.length === 2);
    expect(attempts).toEqual([
      { attempt: 1, replies: null, sent: 0 },
      { attempt: 2, replies: ["one", "two", "three"], sent: 1 },
    ]);
  });

  it("hands a killed consumer's entry, with its progress, to a survivor after the lease expires", async () => {
    const { prefix, make } = fresh();
    // node --import tsx, not the tsx binary: that one runs the script in a child it would orphan on SIGKILL.
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/inbound-consumer-process.ts"], {
      env: { ...process.env, REDIS_URL: url, PREFIX: prefix, PARTITIONS: "4", LEASE_MS: "600" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));
    await until(() => lines.includes("owned 4"), 15_000);
    const submitter = make();
    await submitter.submit(entry("k", 1));
    await submitter.submit(entry("k", 2));
    await until(() => lines.some((l) => l.startsWith("started telegram:k:1 1")));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const handled: Array<{ key: string; attempt: number; sent: number }> = [];
    const survivor = make();
    const started = Date.now();
    survivor.start(async (inbound) => {
      handled.push({ key: inbound.entry.dedupeKey, attempt: inbound.attempt, ...(await inbound.progress()) });
    });
    await until(() => handled.length === 2);
    expect(handled).toEqual([
      { key: "telegram:k:1", attempt: 2, sent: 1, replies: ["one", "two", "three"] },
      { key: "telegram:k:2", attempt: 1, sent: 0, replies: null },
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lines.filter((l) => l.startsWith("started"))).toHaveLength(1);
  }, 30_000);

  it("trims entries older than the time to live, and the idle stream expires", async () => {
    const { prefix, make } = fresh();
    const q = make({ ttlSeconds: 2, partitions: 1 });
    const stream = `${prefix}inbound:p0`;
    await q.submit(entry("t", "old"));
    await sleep(1000);
    await q.submit(entry("t", "kept"));
    expect(await admin.ttl(stream)).toBeGreaterThan(1);
    await sleep(1100);
    await q.submit(entry("t", "new"));
    const left = (await admin.xrange(stream, "-", "+")).map(
      ([, f]) => (JSON.parse(f[1]!) as InboundEntry).payload,
    );
    expect(left).toEqual(["kept", "new"]);
    await sleep(2100);
    expect(await admin.exists(stream)).toBe(0);
  });
});
