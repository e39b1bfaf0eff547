/**
 * One chat's turns in arrival order, across every instance. Each update takes a numbered place in
 * its chat's line the moment it arrives (before the webhook answers), and its turn, replies
 * included, runs only when every earlier place is done. A plain lock is not enough: whichever
 * instance asks first after a release would win, so "2" could run before "1".
 *
 * The line is a courtesy, never a reason to drop a message: a place whose holder died (no
 * heartbeat) is skipped after `staleMs`; with Redis down, or after `waitMs`, the turn runs anyway
 * and the caller logs it. Within one process the conversation's own queue keeps the order.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export interface LinePlace {
  /** Resolves once the place is taken (the update may then be acknowledged). */
  placed: Promise<void>;
  /** Waits for every earlier place, runs `task`, then lets the next place go. */
  run<T>(task: () => Promise<T>): Promise<{ value: T; locked: boolean }>;
}

export interface TurnLine {
  /** Takes the next place in `key`'s line, now: places are served in the order of these calls. */
  join(key: string): LinePlace;
}

/** One instance: the conversation's in-process queue is all the ordering needed. */
export const processLocalLine: TurnLine = {
  join: () => ({
    placed: Promise.resolve(),
    run: async (task) => ({ value: await task(), locked: true }),
  }),
};

export interface RedisTurnLineOptions {
  prefix?: string;
  /** How long a holder's heartbeat lasts (renewed every third of it while the turn runs). */
  holdMs?: number;
  /** How long a place may sit unserved with no holder before it is skipped as dead. */
  staleMs?: number;
  /** Longest wait for earlier places before going ahead regardless. */
  waitMs?: number;
  pollMs?: number;
  /** How long an idle line is kept. */
  ttlMs?: number;
}

// KEYS: next, serving. ARGV: ttl. A fresh line starts serving at the first ticket.
const take = `local t = redis.call("incr", KEYS[1])
if redis.call("exists", KEYS[2]) == 0 then redis.call("set", KEYS[2], t) end
redis.call("pexpire", KEYS[1], ARGV[1]) redis.call("pexpire", KEYS[2], ARGV[1])
return t`;
// KEYS: serving, holder. ARGV: ticket, holdMs, token. 0 = my turn (holder set), else the number served now.
const enter = `local s = tonumber(redis.call("get", KEYS[1]) or ARGV[1])
if s >= tonumber(ARGV[1]) then redis.call("set", KEYS[2], ARGV[3], "PX", ARGV[2]) return 0 end
if redis.call("exists", KEYS[2]) == 1 then return -s end
return s`;
// KEYS: serving, holder. ARGV: stale ticket. Skips it only if nobody took it meanwhile.
const skip = `if tonumber(redis.call("get", KEYS[1])) == tonumber(ARGV[1]) and redis.call("exists", KEYS[2]) == 0
then redis.call("incr", KEYS[1]) return 1 end return 0`;
// KEYS: serving, holder. ARGV: ticket, token, ttl.
const leave = `if redis.call("get", KEYS[2]) == ARGV[2] then redis.call("del", KEYS[2]) end
if tonumber(redis.call("get", KEYS[1])) == tonumber(ARGV[1]) then redis.call("set", KEYS[1], ARGV[1] + 1, "PX", ARGV[3]) end
return 1`;
const beat = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`;

export function createRedisTurnLine(redis: Redis, options: RedisTurnLineOptions = {}): TurnLine {
  const prefix = `${options.prefix ?? "guardline:"}line:`;
  const holdMs = options.holdMs ?? 15_000;
  const staleMs = options.staleMs ?? 5_000;
  const waitMs = options.waitMs ?? 600_000;
  const pollMs = options.pollMs ?? 10;
  const ttlMs = options.ttlMs ?? 3_600_000;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** True once it is this ticket's turn; false when waiting longer is pointless. */
  const waitFor = async (keys: [string, string], ticket: number, token: string): Promise<boolean> => {
    const deadline = Date.now() + waitMs;
    let last = Number.NaN;
    let since = Date.now();
    for (;;) {
      const answer = Number(await redis.eval(enter, 2, ...keys, ticket, holdMs, token));
      if (answer === 0) return true;
      const serving = Math.abs(answer);
      if (serving !== last) [last, since] = [serving, Date.now()];
      else if (answer > 0 && Date.now() - since >= staleMs) await redis.eval(skip, 2, ...keys, serving);
      if (Date.now() >= deadline) return false;
      await pause(pollMs);
    }
  };

  return {
    join(key) {
      const next = `${prefix}${key}:next`;
      const keys: [string, string] = [`${prefix}${key}:serving`, `${prefix}${key}:holder`];
      const ticket = (redis.eval(take, 2, next, keys[0], ttlMs) as Promise<number>).then(Number, () => null);
      return {
        placed: ticket.then(() => undefined),
        async run(task) {
          const mine = await ticket;
          const token = randomUUID();
          const locked = mine !== null && (await waitFor(keys, mine, token).catch(() => false));
          const heartbeat = locked
            ? setInterval(
                () => void redis.eval(beat, 1, keys[1], token, holdMs).catch(() => undefined),
                holdMs / 3,
              )
            : undefined;
          try {
            return { value: await task(), locked };
          } finally {
            clearInterval(heartbeat);
            // Even a turn that ran without its place hands the line on, so later places are not held up.
            if (mine !== null) await redis.eval(leave, 2, ...keys, mine, token, ttlMs).catch(() => undefined);
          }
        },
      };
    },
  };
}
