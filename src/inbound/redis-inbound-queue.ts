/**
 * The durable inbound queue on Redis Streams. Entries are spread over `partitions` streams by a
 * hash of the chat key; one consumer group spans every instance, and each partition is read by
 * the one instance holding its lease (partition-leases.ts), which hands each chat's entries of
 * that partition to the turn one at a time, in stream order. So one chat's updates run strictly
 * in arrival order whichever instance received them, while other chats go on in parallel (also
 * those of the same partition: a chat waiting out a flood wait holds up only itself).
 *
 * Why partitions and not per-chat serialisation with the turn lock: with a lock, two instances
 * each holding one of a chat's entries race for it, and the later entry can win; the stream
 * order is only kept if a single reader takes a chat's entries in turn.
 *
 * Delivery is at least once, answered once: an entry is acknowledged (and deleted, so message
 * text does not linger) only after the handler resolved; a dead owner's pending entries are
 * claimed with XAUTOCLAIM by the instance that takes its lease over, before anything newer; the
 * handler's progress (rendered replies, how many sent) is kept beside the entry, so a retried turn
 * resumes instead of repeating; the submit script drops a redelivered update by its dedupe key.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { EntryProgress, InboundEntry, InboundHandle, InboundQueue } from "./inbound-queue.ts";
import { partitionOf } from "./partition.ts";
import { createPartitionLeases } from "./partition-leases.ts";
import { defineInboundScripts } from "./redis-scripts.ts";

export interface RedisInboundQueueOptions {
  redis: Redis;
  logger: Logger;
  /** Key namespace, e.g. `guardline:` (tests use one per run). */
  prefix?: string;
  /** Streams (and leases); every instance must use the same number. */
  partitions?: number;
  /** A dead instance's partitions are taken over after this long (default 5 s). */
  leaseMs?: number;
  /**
   * An entry delivered to a consumer that no longer reads its partition (read just as the lease
   * moved) is claimed by the partition's owner once it has been idle this long (default leaseMs).
   */
  claimIdleMs?: number;
  /** How long a delivery id is remembered, to answer a redelivery once (default 7 days, Meta's retry window). */
  dedupeSeconds?: number;
  /** Unanswered entries and progress records older than this are dropped (SESSION_TTL). */
  ttlSeconds?: number;
  /** Cap per stream; the oldest entries go first beyond it. */
  maxLength?: number;
  /** Deliveries of one entry (crashes and handler failures together) before it is given up. */
  maxAttempts?: number;
  /** Different chats of one partition handled at once (default 16); one chat's, always one at a time. */
  turnsPerPartition?: number;
  /** Name of this consumer in the group (default host + random). */
  consumer?: string;
}

interface Claimed {
  stream: string;
  id: string;
  entry: InboundEntry | null;
  /** Handed to the turn (in this process). */
  started?: boolean;
}

const group = "turns";

export interface RedisInboundQueue extends InboundQueue {
  consumer: string;
  /** Partitions this instance reads now (for /readyz and tests). */
  owned(): number[];
}

export function createRedisInboundQueue(options: RedisInboundQueueOptions): RedisInboundQueue {
  const redis = defineInboundScripts(options.redis);
  const prefix = `${options.prefix ?? "guardline:"}inbound:`;
  const partitions = options.partitions ?? 16;
  const leaseMs = options.leaseMs ?? 5000;
  const claimIdleMs = options.claimIdleMs ?? leaseMs;
  const ttl = options.ttlSeconds ?? 86_400;
  const maxAttempts = options.maxAttempts ?? 5;
  const consumer = options.consumer ?? `${hostname()}-${randomBytes(4).toString("hex")}`;
  const log = options.logger.child({ part: "inbound" });
  const streamKey = (p: number) => `${prefix}p${p}`;
  const progressKey = (c: Claimed) => `${prefix}progress:${c.stream}:${c.id}`;

  const buffers = new Map<number, Claimed[]>();
  /** Partitions being given up (not read any more), those asked about this lease round, those in the read under way. */
  const leaving = new Set<number>();
  const asked = new Set<number>();
  let reading = new Set<number>();
  /** Entries in hand per partition. */
  const inHand = new Map<number, number>();
  const perPartition = options.turnsPerPartition ?? 16;
  const workers = new Set<Promise<void>>();
  let handler: ((inbound: InboundHandle) => Promise<void>) | null = null;
  let reader: Redis | null = null;
  let stopping = false;
  let ticker: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();

  const leases = createPartitionLeases({
    redis,
    prefix,
    consumer,
    partitions,
    leaseMs,
    hooks: {
      async acquired(p) {
        await ensureGroup(p);
        buffers.set(p, await claimPending(p));
        wake(p);
      },
      lost(p) {
        log.warn({ partition: p }, "inbound: partition lease lost; its entries go to the new owner");
        buffers.delete(p);
        leaving.delete(p);
      },
      released(p) {
        buffers.delete(p);
        leaving.delete(p);
      },
      // Given up in two rounds: first no longer read, then released once nothing of it is in hand
      // and no read that includes it is under way (its answer would strand entries, to be claimed
      // only after the idle time, behind newer ones the next owner had already read).
      giveUp(p) {
        asked.add(p);
        const busy = Boolean(inHand.get(p)) || (buffers.get(p)?.length ?? 0) > 0;
        if (!leaving.has(p)) {
          if (busy) return "busy";
          leaving.add(p);
          return "soon";
        }
        return busy || reading.has(p) ? "soon" : "now";
      },
    },
  });

  async function ensureGroup(p: number): Promise<void> {
    await redis.xgroup("CREATE", streamKey(p), group, "0", "MKSTREAM").catch((err: Error) => {
      if (!String(err.message).includes("BUSYGROUP")) throw err;
    });
    await redis.expire(streamKey(p), ttl, "NX");
  }

  /**
   * Every entry still pending in the partition idle for at least `minIdleMs` becomes ours, in
   * stream order. At acquisition that is a dead owner's (0: the lease expiry was the wait).
   */
  async function claimPending(p: number, minIdleMs = 0): Promise<Claimed[]> {
    const out: Claimed[] = [];
    let cursor = "0-0";
    do {
      const [next, entries] = (await redis.xautoclaim(
        streamKey(p),
        group,
        consumer,
        minIdleMs,
        cursor,
        "COUNT",
        100,
      )) as [string, Array<[string, string[]]>];
      for (const [id, fields] of entries) out.push(parse(streamKey(p), id, fields));
      cursor = next;
    } while (cursor !== "0-0");
    if (out.length && !minIdleMs)
      log.info({ partition: p, entries: out.length }, "inbound: took over pending entries");
    return out;
  }

  /** Entries of owned partitions left pending under another consumer join their partition's line. */
  async function sweep(): Promise<void> {
    for (const p of leases.owned()) {
      const buffer = buffers.get(p);
      if (!buffer) continue;
      const stray = (await claimPending(p, claimIdleMs)).filter(
        (c) => !buffer.some((held) => held.id === c.id),
      );
      if (buffers.get(p) !== buffer || !stray.length) continue;
      log.info({ partition: p, entries: stray.length }, "inbound: claimed entries left by another consumer");
      buffer.push(...stray);
      buffer.sort((x, y) => compareIds(x.id, y.id));
      wake(p);
    }
  }

  function parse(stream: string, id: string, fields: string[] | null): Claimed {
    const json = fields?.[fields.indexOf("e") + 1];
    try {
      return { stream, id, entry: json ? (JSON.parse(json) as InboundEntry) : null };
    } catch {
      return { stream, id, entry: null };
    }
  }

  /** Reads new entries of every partition we own; one blocking connection serves them all. */
  async function readLoop(): Promise<void> {
    while (!stopping) {
      const owned = leases.owned().filter((p) => !leaving.has(p) && (buffers.get(p)?.length ?? 0) < 50);
      if (!owned.length) {
        await sleep(Math.min(200, leaseMs / 4));
        continue;
      }
      reading = new Set(owned);
      try {
        const res = (await reader!.xreadgroup(
          "GROUP",
          group,
          consumer,
          "COUNT",
          20,
          "BLOCK",
          Math.min(500, leaseMs / 4),
          "STREAMS",
          ...owned.map(streamKey),
          ...owned.map(() => ">"),
        )) as Array<[string, Array<[string, string[]]>]> | null;
        reading = new Set();
        answering();
        for (const [stream, entries] of res ?? []) {
          const p = Number(stream.slice(prefix.length + 1));
          const buffer = buffers.get(p);
          if (!buffer) continue; // lease moved meanwhile: the new owner's sweep takes them
          for (const [id, fields] of entries) buffer.push(parse(stream, id, fields));
          wake(p);
        }
      } catch (err) {
        reading = new Set();
        if (stopping) return;
        if (String((err as Error).message).includes("NOGROUP")) {
          // The stream expired while idle and came back without its group: recreate it.
          for (const p of owned) await ensureGroup(p).catch(() => undefined);
          continue;
        }
        failing(err, "read");
        await sleep(500);
      }
    }
  }

  /**
   * Starts the partition's entries that may run now: the first unfinished entry of each chat (so
   * one chat's run strictly in stream order), up to `perPartition` at once. A chat waiting out a
   * long flood wait holds only its own later entries, not the other chats of its partition.
   */
  function wake(p: number): void {
    const buffer = buffers.get(p);
    if (!buffer || !handler || stopping) return;
    const seen = new Set<string>();
    for (const claimed of buffer) {
      const chat = claimed.entry?.chatKey ?? claimed.id;
      if (seen.has(chat)) continue;
      seen.add(chat);
      if (claimed.started) continue;
      if ((inHand.get(p) ?? 0) >= perPartition) return;
      claimed.started = true;
      inHand.set(p, (inHand.get(p) ?? 0) + 1);
      const worker = work(p, buffer, claimed).finally(() => {
        inHand.set(p, inHand.get(p)! - 1);
        workers.delete(worker);
        wake(p);
      });
      workers.add(worker);
    }
  }

  /** Handles one entry until it is acknowledged, then takes it out of its partition's line. */
  async function work(p: number, buffer: Claimed[], claimed: Claimed): Promise<void> {
    while (!stopping && buffers.get(p) === buffer) {
      try {
        await handleOne(claimed);
        buffer.splice(buffer.indexOf(claimed), 1);
        return;
      } catch (err) {
        // Redis failed around the turn: the entry stays in line, so nothing of this chat overtakes it.
        if (stopping) return;
        log.warn({ err, partition: p }, "inbound: entry not finished; retrying");
        await sleep(1000);
      }
    }
  }

  async function handleOne(claimed: Claimed): Promise<void> {
    if (!claimed.entry) return ack(claimed); // trimmed or unreadable: nothing left to answer
    for (;;) {
      const attempt = await redis.hincrby(progressKey(claimed), "attempts", 1);
      await redis.expire(progressKey(claimed), ttl);
      if (attempt > maxAttempts) {
        log.error({ channel: claimed.entry.channel, attempts: attempt - 1 }, "inbound: entry given up");
        return ack(claimed);
      }
      try {
        await handler!(handleFor(claimed, claimed.entry, attempt));
        return ack(claimed);
      } catch (err) {
        log.warn({ err, channel: claimed.entry.channel, attempt }, "inbound: turn failed; retrying");
        if (stopping) throw err; // left pending: the next owner retries it
        await sleep(Math.min(5000, 250 * 2 ** attempt));
      }
    }
  }

  function handleFor(claimed: Claimed, entry: InboundEntry, attempt: number): InboundHandle {
    const key = progressKey(claimed);
    return {
      entry,
      attempt,
      async progress(): Promise<EntryProgress> {
        const [replies, sent] = await redis.hmget(key, "replies", "sent");
        return { replies: replies ? (JSON.parse(replies) as unknown[]) : null, sent: Number(sent ?? 0) };
      },
      async recordReplies(replies) {
        await redis.multi().hset(key, "replies", JSON.stringify(replies)).expire(key, ttl).exec();
      },
      async recordSent(count) {
        await redis.hset(key, "sent", count);
      },
    };
  }

  async function ack(claimed: Claimed): Promise<void> {
    await redis
      .multi()
      .xack(claimed.stream, group, claimed.id)
      .xdel(claimed.stream, claimed.id)
      .del(progressKey(claimed))
      .exec();
  }

  // One warning per outage, not one per retry (every read and lease round fails while Redis is down).
  let outage = false;
  const failing = (err: unknown, what: string) => {
    if (!outage) log.warn({ err }, `inbound: ${what} failed; retrying until Redis answers`);
    outage = true;
  };
  const answering = () => {
    if (outage) log.info("inbound: Redis answers again");
    outage = false;
  };

  const tick = () => {
    asked.clear();
    ticking = leases
      .tick()
      .then(() => {
        // A partition no longer to give up (the instances' share changed back) is read again.
        for (const p of leaving) if (!asked.has(p)) leaving.delete(p);
      })
      .then(sweep)
      .then(answering, (err: unknown) => failing(err, "lease round"))
      .finally(() => {
        if (!stopping) ticker = setTimeout(tick, leaseMs / 3);
      });
  };

  return {
    consumer,
    owned: () => leases.owned(),
    async submit(entry) {
      const p = partitionOf(entry.chatKey, partitions);
      const id = await redis.submit(
        `${prefix}seen:${entry.dedupeKey}`,
        streamKey(p),
        options.dedupeSeconds ?? 7 * 86_400,
        ttl,
        options.maxLength ?? 100_000,
        group,
        JSON.stringify(entry),
      );
      return id !== 0;
    },
    start(handle) {
      handler = handle;
      log.info({ consumer, partitions, leaseMs }, "inbound: on (Redis streams shared by the instances)");
      reader = options.redis.duplicate();
      tick();
      void readLoop();
    },
    async idle() {
      while (workers.size) await Promise.all([...workers]);
    },
    async stop() {
      stopping = true;
      clearTimeout(ticker);
      await ticking;
      clearTimeout(ticker);
      reader?.disconnect();
      while (workers.size) await Promise.all([...workers]);
      // Entries read but not started stay pending; releasing the leases lets a survivor take them at once.
      await leases.releaseAll();
    },
  };
}

/** Orders stream ids (`<ms>-<seq>`) as Redis does. */
function compareIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split("-").map(BigInt) as [bigint, bigint];
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
