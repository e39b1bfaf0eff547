import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logging/create-logger.ts";
import { openAnsweredIds } from "./answered-ids-file.ts";
import { createInboundQueue } from "./create-inbound-queue.ts";
import { InboundUnavailableError, type InboundEntry, type InboundHandle } from "./inbound-queue.ts";
import { createMemoryInboundQueue } from "./memory-inbound-queue.ts";
import { openPendingEntries } from "./pending-entries-log.ts";

const logger = createLogger({ level: "silent" });
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "guardline-inbound-"));
  dirs.push(dir);
  return dir;
}
const entry = (chat: string, n: number): InboundEntry => ({
  channel: "telegram",
  chatKey: `s:${chat}`,
  dedupeKey: `telegram:${chat}:${n}`,
  payload: n,
});

describe("memory inbound queue", () => {
  it("runs one chat's entries in order and different chats side by side", async () => {
    const answered = await openAnsweredIds(join(await dataDir(), "answered-updates"), { ttlSeconds: 60 });
    const queue = createMemoryInboundQueue({ logger, answered });
    const log: string[] = [];
    let running = 0;
    let most = 0;
    queue.start(async ({ entry }) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, (5 - (entry.payload as number)) * 5));
      log.push(`${entry.chatKey}:${entry.payload}`);
      running--;
    });
    for (let n = 0; n < 5; n++) for (const chat of ["a", "b"]) await queue.submit(entry(chat, n));
    await queue.stop();
    expect(log.filter((l) => l.startsWith("s:a"))).toEqual([0, 1, 2, 3, 4].map((n) => `s:a:${n}`));
    expect(log.filter((l) => l.startsWith("s:b"))).toEqual([0, 1, 2, 3, 4].map((n) => `s:b:${n}`));
    expect(most).toBe(2);
    await expect(queue.submit(entry("a", 9))).rejects.toBeInstanceOf(InboundUnavailableError);
  });

  it("answers an update once, also when it is delivered again after a restart", async () => {
    const file = join(await dataDir(), "answered-updates");
    const handled: unknown[] = [];
    const first = createMemoryInboundQueue({
      logger,
      answered: await openAnsweredIds(file, { ttlSeconds: 60 }),
    });
    first.start(async ({ entry }) => void handled.push(entry.payload));
    expect(await first.submit(entry("a", 1))).toBe(true);
    expect(await first.submit(entry("a", 1))).toBe(false);
    await first.stop();
    // A restart: a new process reads the file (no stop() needed to have written it: each id is appended when answered).
    const second = createMemoryInboundQueue({
      logger,
      answered: await openAnsweredIds(file, { ttlSeconds: 60 }),
    });
    second.start(async ({ entry }) => void handled.push(entry.payload));
    expect(await second.submit(entry("a", 1))).toBe(false);
    expect(await second.submit(entry("a", 2))).toBe(true);
    await second.stop();
    expect(handled).toEqual([1, 2]);
  });

  it("drops expired and torn lines when it opens the file", async () => {
    const file = join(await dataDir(), "answered-updates");
    let now = 1_000_000_000;
    await writeFile(file, `${now / 1000 + 10} telegram:x:1\n${now / 1000 - 1} telegram:x:2\n12 tele`);
    const answered = await openAnsweredIds(file, { ttlSeconds: 60, now: () => now });
    expect(answered.has("telegram:x:1")).toBe(true);
    expect(answered.has("telegram:x:2")).toBe(false);
    expect(await readFile(file, "utf8")).toBe(`${now / 1000 + 10} telegram:x:1\n`);
    now += 11_000;
    expect(answered.has("telegram:x:1")).toBe(false);
  });

  it("retries a failed turn with its progress, then gives it up without holding the chat", async () => {
    const answered = await openAnsweredIds(join(await dataDir(), "answered-updates"), { ttlSeconds: 60 });
    const queue = createMemoryInboundQueue({ logger, answered, maxAttempts: 3, retryDelayMs: 1 });
    const seen: Array<{ n: unknown; attempt: number; sent: number }> = [];
    queue.start(async (inbound: InboundHandle) => {
      const { sent } = await inbound.progress();
      seen.push({ n: inbound.entry.payload, attempt: inbound.attempt, sent });
      if (inbound.entry.payload === 1) {
        await inbound.recordSent(sent + 1);
        throw new Error("down");
      }
    });
    await queue.submit(entry("a", 1));
    await queue.submit(entry("a", 2));
    await queue.stop();
    expect(seen).toEqual([
      { n: 1, attempt: 1, sent: 0 },
      { n: 1, attempt: 2, sent: 1 },
      { n: 1, attempt: 3, sent: 2 },
      { n: 2, attempt: 1, sent: 0 },
    ]);
  });
});

describe("answered delivery ids in DATA_DIR", () => {
  it("stay a bounded file however many updates are answered", async () => {
    const file = join(await dataDir(), "answered-updates");
    const answered = await openAnsweredIds(file, { ttlSeconds: 60, max: 1_000 });
    for (let n = 0; n < 30_000; n++) await answered.add(`telegram:a:${n}`);
    const lines = (await readFile(file, "utf8")).split("\n").filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(10_000 + 1);
    expect(answered.has("telegram:a:29999")).toBe(true);
    answered.close();
    const reopened = await openAnsweredIds(file, { ttlSeconds: 60, max: 1_000 });
    expect(reopened.has("telegram:a:29999")).toBe(true);
    reopened.close();
  });
});

describe("memory inbound queue: entries kept in DATA_DIR", () => {
  it("answers after a crash what was accepted, resuming after the replies already sent", async () => {
    const dir = await dataDir();
    const open = async () =>
      createMemoryInboundQueue({
        logger,
        answered: await openAnsweredIds(join(dir, "answered-updates"), { ttlSeconds: 60 }),
        pending: await openPendingEntries(join(dir, "inbound"), { ttlSeconds: 60 }),
      });
    // The first process sends one of three replies of entry 1, then dies (its handler never returns).
    const first = await open();
    let recorded!: () => void;
    const sentOne = new Promise<void>((resolve) => (recorded = resolve));
    first.start(async (inbound) => {
      await inbound.recordReplies(["one", "two", "three"]);
      await inbound.recordSent(1);
      recorded();
      await new Promise(() => {});
    });
    expect(await first.submit(entry("a", 1))).toBe(true);
    expect(await first.submit(entry("a", 2))).toBe(true);
    await sentOne;
    expect((await readFile(join(dir, "inbound", "pending"), "utf8")).split("\n").filter(Boolean).length).toBe(
      5,
    ); // two entries, then entry 1's attempt, replies and one sent

    const second = await open();
    const seen: Array<{ n: unknown; attempt: number; replies: unknown; sent: number }> = [];
    second.start(async (inbound) => {
      const { replies, sent } = await inbound.progress();
      seen.push({ n: inbound.entry.payload, attempt: inbound.attempt, replies, sent });
    });
    // Not a redelivery to skip: it is being answered.
    expect(await second.submit(entry("a", 1))).toBe(false);
    await second.stop();
    expect(seen).toEqual([
      { n: 1, attempt: 2, replies: ["one", "two", "three"], sent: 1 },
      { n: 2, attempt: 1, replies: null, sent: 0 },
    ]);
    // Answered entries leave nothing on disk but their keyed delivery ids.
    expect(await readdir(join(dir, "inbound"))).toEqual(["pending"]);
    expect(await readFile(join(dir, "inbound", "pending"), "utf8")).toBe("");
    const third = await open();
    expect(await third.submit(entry("a", 1))).toBe(false);
  });

  it("drops torn lines, stray files and entries older than their conversation when it opens", async () => {
    const dir = join(await dataDir(), "inbound");
    let now = 1_000_000_000_000;
    const old = await openPendingEntries(dir, { ttlSeconds: 60, now: () => now });
    await old.add(entry("a", 1));
    await writeFile(join(dir, "pending.tmp"), "{}");
    await appendFile(join(dir, "pending"), '["+",{"entry":');
    now += 30_000;
    await (await openPendingEntries(dir, { ttlSeconds: 60, now: () => now })).add(entry("b", 1));
    now += 31_000;
    const reopened = await openPendingEntries(dir, { ttlSeconds: 60, now: () => now });
    expect(reopened.recovered.map((r) => r.entry.dedupeKey)).toEqual(["telegram:b:1"]);
    expect(await readdir(dir)).toEqual(["pending"]);
  });

  it("keeps the file small: emptied when nothing waits, rewritten with the waiting entries after many lines", async () => {
    const dir = join(await dataDir(), "inbound");
    const pending = await openPendingEntries(dir, { ttlSeconds: 60 });
    const size = async () => (await readFile(join(dir, "pending"), "utf8")).length;
    await pending.add(entry("waits", 1));
    for (let n = 1; n <= 3_000; n++) {
      await pending.add(entry("a", n));
      await pending.update(`telegram:a:${n}`, { replies: ["a reply someone wrote"], sent: 1 });
      await pending.remove(`telegram:a:${n}`);
    }
    // One entry still waits: the answered ones are gone from the file, not only marked removed.
    expect(await size()).toBeLessThan(2_000 * 200);
    const reopened = await openPendingEntries(dir, { ttlSeconds: 60 });
    expect(reopened.recovered.map((r) => r.entry.dedupeKey)).toEqual(["telegram:waits:1"]);
    await reopened.remove("telegram:waits:1");
    expect(await size()).toBe(0);
    pending.close();
    reopened.close();
  });
});

describe("createInboundQueue", () => {
  it("is the embedded queue without Redis, remembering answered ids in DATA_DIR", async () => {
    const dir = await dataDir();
    const queue = await createInboundQueue({ redis: null, dataDir: dir, logger, ttlSeconds: 60 });
    queue.start(async () => {});
    expect(await queue.submit(entry("a", 1))).toBe(true);
    await queue.stop();
    expect(await readFile(join(dir, "answered-updates"), "utf8")).toMatch(/^\d+ telegram:a:1\n$/);
  });
});
