/**
 * A session store that keeps answering while Redis is down. Every value is written to Redis and
 * to a short-lived local copy; when Redis fails or is slow (timeout), reads and writes go to the
 * local copy and Redis is only probed every `retryMs`, so a turn never waits long for a dead
 * server. The person is told once per outage that the conversation may restart
 * (takeOutageNotice), and when Redis is back an older state is never resumed under a newer
 * question: values carry a version (the time of the turn that wrote them, kept increasing per
 * key), and a key written locally during the outage is reconciled on the first read after it:
 * the newer of the two wins, and a Redis state older than the outage's turns is deleted rather
 * than resumed. Deleting (erasing) needs Redis: it is never pretended.
 */
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { SessionStore } from "./session-store.ts";

export interface FallbackSessionStore extends SessionStore {
  /** True once per conversation and outage, after a read that the local copy answered. */
  takeOutageNotice(key: string): boolean;
  /** Whether Redis is considered down now. */
  degraded(): boolean;
}

export interface FallbackOptions {
  logger?: Logger;
  /** A Redis call slower than this counts as failed (default 300 ms). */
  timeoutMs?: number;
  /** While down, Redis is tried again after this long (default 2 s). */
  retryMs?: number;
  /** Local copies are kept this long (default 15 min) and this many at most. */
  localTtlSeconds?: number;
  localMax?: number;
  now?: () => number;
}

interface Versioned {
  /** Marks the envelope, so values written before versioning are still read (as version 0). */
  gv: number;
  value: unknown;
}

const isVersioned = (v: unknown): v is Versioned =>
  typeof v === "object" && v !== null && typeof (v as Versioned).gv === "number" && "value" in v;

export function createFallbackSessionStore(
  primary: SessionStore,
  options: FallbackOptions = {},
): FallbackSessionStore {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 300;
  const retryMs = options.retryMs ?? 2000;
  const local = new LRUCache<string, Versioned>({
    max: options.localMax ?? 20_000,
    ttl: (options.localTtlSeconds ?? 900) * 1000,
    ttlResolution: 0,
    perf: { now },
  });
  /** Keys written while Redis was down, with the version written: to reconcile once it is back. */
  const dirty = new LRUCache<string, number>({ max: 100_000 });
  /** Highest version known per key, so a new version is always above it even with a clock step back. */
  const versions = new LRUCache<string, number>({ max: 100_000 });
  const remoteTtl = new LRUCache<string, number>({ max: 100_000 });
  const noticed = new Set<string>();
  const servedLocally = new Set<string>();
  let downUntil = 0;
  let down = false;

  async function call<T>(op: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (down && now() < downUntil) return { ok: false };
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      if (down) markUp();
      return { ok: true, value };
    } catch (err) {
      if (!down) options.logger?.warn({ err }, "sessions: Redis unavailable; answering from the local copy");
      down = true;
      downUntil = now() + retryMs;
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }

  function markUp(): void {
    down = false;
    noticed.clear();
    options.logger?.info({ reconcile: dirty.size }, "sessions: Redis answers again");
  }

  function nextVersion(key: string): number {
    const v = Math.max(now(), (versions.get(key) ?? 0) + 1);
    versions.set(key, v);
    return v;
  }

  /** Redis is back for `key`: keep the newer of the local and the Redis state, never an older one. */
  async function reconcile(key: string, remote: Versioned | null): Promise<Versioned | null> {
    const written = dirty.get(key)!;
    const mine = local.get(key);
    if (remote && remote.gv > written) {
      dirty.delete(key);
      return remote; // another instance wrote after us
    }
    if (mine) await primary.set(key, mine, remoteTtl.get(key) ?? 86_400);
    else if (remote) await primary.delete(key); // older than a turn of the outage: do not resume it
    dirty.delete(key);
    return mine ?? null;
  }

  return {
    async get(key) {
      const read = await call(() => primary.get(key));
      if (!read.ok) {
        servedLocally.add(key);
        return local.get(key)?.value ?? null;
      }
      servedLocally.delete(key);
      const remote =
        read.value === null ? null : isVersioned(read.value) ? read.value : { gv: 0, value: read.value };
      const current = dirty.has(key) ? await reconcile(key, remote) : remote;
      if (current) versions.set(key, Math.max(versions.get(key) ?? 0, current.gv));
      return current?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      const stored: Versioned = { gv: nextVersion(key), value };
      local.set(key, stored);
      remoteTtl.set(key, ttlSeconds);
      const written = await call(() => primary.set(key, stored, ttlSeconds));
      if (!written.ok) dirty.set(key, stored.gv);
    },
    async delete(key) {
      const deleted = await call(() => primary.delete(key));
      if (!deleted.ok) throw new Error("session store unavailable: cannot erase now");
      local.delete(key);
      dirty.delete(key);
    },
    takeOutageNotice(key) {
      if (!servedLocally.has(key) || noticed.has(key)) return false;
      noticed.add(key);
      return true;
    },
    degraded: () => down,
    // A readiness check that reaches Redis ends the outage at once, rather than after the retry wait.
    async ping() {
      const ok = await primary.ping();
      if (ok && down) markUp();
      return ok;
    },
    close: () => primary.close(),
  };
}
