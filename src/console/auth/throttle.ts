/**
 * Sign-in throttling: after `maxFailures` failed attempts within `windowMs` for one account, or
 * `maxClientFailures` from one client, further attempts are refused until the window has passed
 * since the last failure. In memory (per instance): a guesser is slowed on every instance alike.
 */
export interface ThrottleOptions {
  maxFailures: number;
  maxClientFailures: number;
  windowMs: number;
  now: () => number;
  /** Entries kept at most, so a flood of made-up names cannot fill the memory. */
  maxEntries?: number;
}

interface Entry {
  failures: number;
  last: number;
}

export function createThrottle(options: ThrottleOptions) {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 10_000;
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && options.now() - entry.last >= options.windowMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const limitOf = (key: string) =>
    key.startsWith("client:") ? options.maxClientFailures : options.maxFailures;
  return {
    /** Milliseconds until the next attempt is allowed for any of the keys, or 0. */
    lockedFor(keys: string[]): number {
      let wait = 0;
      for (const key of keys) {
        const entry = live(key);
        if (entry && entry.failures >= limitOf(key))
          wait = Math.max(wait, entry.last + options.windowMs - options.now());
      }
      return wait;
    },
    fail(keys: string[]): void {
      for (const key of keys) {
        const entry = live(key) ?? { failures: 0, last: 0 };
        entries.delete(key);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { failures: entry.failures + 1, last: options.now() });
      }
    },
    /** A success clears the account's failures (not the client's: one good account must not unlock guessing). */
    succeed(accountKey: string): void {
      entries.delete(accountKey);
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
