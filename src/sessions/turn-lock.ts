/**
 * One turn at a time per conversation, across every instance. Within one process the
 * conversation's queue already orders turns; with several instances behind one webhook, two
 * messages of the same chat can land on different instances, so the Redis lock makes the second
 * wait for the first instead of overwriting its state.
 *
 * The lock is a courtesy, never a reason to drop a message: if it cannot be taken in time (a
 * crashed holder, Redis down), the turn runs anyway and the caller logs it.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export interface TurnLock {
  /** Runs `task` holding the lock for `key`; `waited` says whether the lock was actually held. */
  withLock<T>(key: string, task: () => Promise<T>): Promise<{ value: T; locked: boolean }>;
}

/** One instance: the conversation's in-process queue is all the ordering needed. */
export const processLocal: TurnLock = {
  async withLock(_key, task) {
    return { value: await task(), locked: true };
  },
};

export interface RedisTurnLockOptions {
  prefix?: string;
  /** How long a holder may keep the lock (a crashed instance frees it after this). */
  holdMs?: number;
  /** How long to wait for another instance's turn before going ahead regardless. */
  waitMs?: number;
  pollMs?: number;
}

const release = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export function createRedisTurnLock(redis: Redis, options: RedisTurnLockOptions = {}): TurnLock {
  const prefix = `${options.prefix ?? "guardline:"}lock:`;
  const holdMs = options.holdMs ?? 15_000;
  const waitMs = options.waitMs ?? 10_000;
  const pollMs = options.pollMs ?? 25;
  const acquire = async (key: string, token: string): Promise<boolean> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        if ((await redis.set(prefix + key, token, "PX", holdMs, "NX")) === "OK") return true;
      } catch {
        return false;
      }
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };
  return {
    async withLock(key, task) {
      const token = randomUUID();
      const locked = await acquire(key, token);
      try {
        return { value: await task(), locked };
      } finally {
        if (locked) await redis.eval(release, 1, prefix + key, token).catch(() => undefined);
      }
    },
  };
}
