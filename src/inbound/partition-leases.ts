/**
 * Which instance handles which partition. Each partition has a lease (a Redis key holding the
 * owner's consumer name, with a short expiry renewed every third of it); only the owner reads
 * the partition, so one chat's entries are handled by one instance at a time, in order. Live
 * instances announce themselves in a sorted set, and each holds about partitions / instances
 * leases: a newcomer gets its share once others release idle partitions, and a dead owner's
 * leases expire after `leaseMs`, when a survivor takes them over with the entries left pending.
 */
import type { Redis } from "ioredis";
import type { InboundScripts } from "./redis-scripts.ts";

export interface LeaseHooks {
  /** A partition became ours: claim what its previous owner left, then read it. */
  acquired(partition: number): Promise<void>;
  /** The lease was lost (not renewed in time): stop handling the partition. */
  lost(partition: number): void;
  /** The lease was given up to balance the instances: stop handling the partition. */
  released(partition: number): void;
  /**
   * Asked for partitions beyond this instance's share: give it up `now`, `soon` (on its way, asked
   * again next round), or not (`busy`: another partition is asked instead).
   */
  giveUp(partition: number): "now" | "soon" | "busy";
}

export interface PartitionLeases {
  owned(): number[];
  /** One round: announce, renew, give up extras, take free ones. */
  tick(): Promise<void>;
  /** Gives up every lease (after the work in hand is done) and leaves the member set. */
  releaseAll(): Promise<void>;
}

export function createPartitionLeases(options: {
  redis: Redis & InboundScripts;
  prefix: string;
  consumer: string;
  partitions: number;
  leaseMs: number;
  hooks: LeaseHooks;
}): PartitionLeases {
  const { redis, prefix, consumer, partitions, leaseMs, hooks } = options;
  const members = `${prefix}members`;
  const leaseKey = (p: number) => `${prefix}lease:${p}`;
  const owned = new Set<number>();

  async function share(): Promise<number> {
    const now = Date.now();
    await redis
      .multi()
      .zadd(members, now, consumer)
      .zremrangebyscore(members, "-inf", now - 2 * leaseMs)
      .pexpire(members, 10 * leaseMs)
      .exec();
    const live = Math.max(1, await redis.zcard(members));
    return Math.ceil(partitions / live);
  }

  async function renew(): Promise<void> {
    for (const p of [...owned]) {
      if ((await redis.renewLease(leaseKey(p), consumer, leaseMs)) === 1) continue;
      owned.delete(p);
      hooks.lost(p);
    }
  }

  async function giveUpExtras(target: number): Promise<void> {
    let excess = owned.size - target;
    for (const p of [...owned]) {
      if (excess <= 0) return;
      const verdict = hooks.giveUp(p);
      if (verdict === "busy") continue;
      excess--;
      if (verdict === "soon") continue;
      owned.delete(p);
      hooks.released(p);
      await redis.releaseLease(leaseKey(p), consumer);
    }
  }

  async function takeFree(target: number): Promise<void> {
    const candidates = shuffle([...Array(partitions).keys()].filter((p) => !owned.has(p)));
    for (const p of candidates) {
      if (owned.size >= target) return;
      if ((await redis.set(leaseKey(p), consumer, "PX", leaseMs, "NX")) !== "OK") continue;
      await hooks.acquired(p);
      owned.add(p);
    }
  }

  return {
    owned: () => [...owned],
    async tick() {
      const target = await share();
      await renew();
      await giveUpExtras(target);
      await takeFree(target);
    },
    async releaseAll() {
      for (const p of [...owned]) {
        owned.delete(p);
        await redis.releaseLease(leaseKey(p), consumer).catch(() => 0);
      }
      await redis.zrem(members, consumer).catch(() => 0);
    },
  };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
