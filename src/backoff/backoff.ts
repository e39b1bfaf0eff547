/**
 * One backoff for every retry loop (Bot API and Graph API calls, channel start-up, WhatsApp Web
 * reconnects): the wait before attempt n, doubling from `firstMs` up to `maxMs`, and timers a test
 * can replace so no test waits for real.
 */

/** setTimeout, injectable so tests need not wait. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface BackoffOptions {
  /** Wait before the first retry. */
  firstMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/** Milliseconds to wait before retry `attempt` (1, 2, …): firstMs, 2 × firstMs, …, at most maxMs. */
export function backoff(options: BackoffOptions): (attempt: number) => number {
  return (attempt) => Math.min(options.maxMs, options.firstMs * 2 ** Math.max(0, attempt - 1));
}

/** Resolves after `ms` on the given timers; rejects if `signal` aborts first. */
export function sleep(ms: number, timers: Timers = realTimers, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted while waiting to retry"));
    const onAbort = () => {
      timers.clear(handle);
      reject(new Error("aborted while waiting to retry"));
    };
    const handle = timers.set(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
