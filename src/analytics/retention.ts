/**
 * Deletes counters older than the retention period: once at start-up, then daily.
 */
import type { Logger } from "pino";
import { errorSummary } from "./buffered-sink.ts";
import type { CounterStore } from "./counter-store.ts";

const day = 86_400_000;

export interface RetentionOptions {
  store: CounterStore;
  retentionDays: number;
  logger: Logger;
  now?: () => Date;
}

/** Deletes what is older than `retentionDays` before `now`; returns the rows removed. */
export async function applyRetention(options: RetentionOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  const cutoff = new Date(now().getTime() - options.retentionDays * day);
  const deleted = await options.store.deleteBefore(cutoff);
  if (deleted)
    options.logger.info(
      { deletedRows: deleted, retentionDays: options.retentionDays },
      "old analytics counters deleted",
    );
  return deleted;
}

/** Runs the job now and every day; returns a function that stops it. */
export function scheduleRetention(options: RetentionOptions): () => void {
  const run = () =>
    applyRetention(options).catch((error) =>
      options.logger.warn(
        { err: errorSummary(error) },
        "analytics retention job failed; trying again tomorrow",
      ),
    );
  void run();
  const timer = setInterval(run, day);
  timer.unref();
  return () => clearInterval(timer);
}
