/**
 * A grammY API transformer for the Bot API's passing failures: 5xx answers and network errors are
 * retried a few times with a short backoff (seconds, not auto-retry's growth to an hour), so one
 * chat's reply is not held for minutes and a message finally given up leaves the rest of the turn
 * to go out. 429 is left to auto-retry (installed after this one), which waits what Telegram asks
 * for, as often as it asks: flood waits never count as failures. Both are counted for metrics.
 */
import { HttpError, type Transformer } from "grammy";
import { backoff, realTimers, sleep, type Timers } from "../../backoff/backoff.ts";
import type { TurnObserver } from "../turn-observer.ts";

export interface RetryTransientOptions {
  observer: TurnObserver;
  /** Retries after the first attempt (default 8: a burst of six 500s is still delivered). */
  retries?: number;
  /** First wait (default 250 ms), doubling up to maxMs (default 2 s). */
  firstMs?: number;
  maxMs?: number;
  timers?: Timers;
}

export function retryTransient(options: RetryTransientOptions): Transformer {
  const retries = options.retries ?? 8;
  const delay = backoff({ firstMs: options.firstMs ?? 250, maxMs: options.maxMs ?? 2000 });
  const timers = options.timers ?? realTimers;
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      let result: Awaited<ReturnType<typeof prev>> | undefined;
      let failure: unknown;
      try {
        result = await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted) throw error;
        failure = error;
      }
      if (result && !result.ok && result.error_code === 429) options.observer.retried429("telegram");
      const transient = !result || (!result.ok && result.error_code >= 500);
      // getUpdates has its own loop that waits and polls again.
      if (!transient || method === "getUpdates") {
        if (result) return result;
        throw failure;
      }
      if (attempt > retries) {
        options.observer.gaveUp("telegram");
        if (result) return result;
        throw failure;
      }
      await sleep(delay(attempt), timers, signal as AbortSignal | undefined);
    }
  };
}
