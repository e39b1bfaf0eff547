/**
 * Runs an attempt until it succeeds, waiting longer after each failure (capped), without making the
 * caller wait: the first call resolves after the first attempt either way. Used for start-up, where
 * the Bot API may be unreachable for minutes and the channel must come up by itself once it is back.
 */
import { backoff, realTimers, type Timers } from "../../backoff/backoff.ts";

export interface RetryOptions {
  attempt: () => Promise<void>;
  /** Called after each failure with the wait before the next attempt. */
  onFailure: (error: unknown, delayMs: number) => void;
  timers?: Timers;
  /** First wait (default 1 s), doubled after each failure up to capMs (default 60 s). */
  baseMs?: number;
  capMs?: number;
}

export interface Retrier {
  /** Attempts now; on failure, schedules the next attempt and resolves. */
  run(): Promise<void>;
  /** Counts a failure noticed later (a loop that stopped) and schedules the next attempt. */
  failed(error: unknown): void;
  /** Stops any scheduled attempt (shutdown). */
  cancel(): void;
}

export function retryInBackground(options: RetryOptions): Retrier {
  const timers = options.timers ?? realTimers;
  const delayOf = backoff({ firstMs: options.baseMs ?? 1000, maxMs: options.capMs ?? 60_000 });
  let failures = 0;
  let pending: unknown;
  let cancelled = false;

  const run = async (): Promise<void> => {
    pending = undefined;
    if (cancelled) return;
    try {
      await options.attempt();
      failures = 0;
    } catch (error) {
      failed(error);
    }
  };

  const failed = (error: unknown): void => {
    if (cancelled || pending !== undefined) return;
    const delay = delayOf(++failures);
    options.onFailure(error, delay);
    pending = timers.set(() => void run(), delay);
  };

  return {
    run,
    failed,
    cancel() {
      cancelled = true;
      if (pending !== undefined) timers.clear(pending);
      pending = undefined;
    },
  };
}
