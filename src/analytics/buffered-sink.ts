/**
 * The AnalyticsSink the conversation calls: `record()` only adds to an in-memory buffer; a timer
 * writes it with one upsert-increment per batch, or earlier once the buffer holds many distinct
 * cells. Events are counted per cell, so a busy hour of the same few questions costs one write
 * per interval however many people answer: flushing by event count wrote several times a second
 * under load and made every turn wait for the database. When the database is down the
 * buffer is kept (bounded) and retried; what had to be dropped is logged as a number and, once the
 * database is back, stored as an `analytics_dropped` count. While the database is down, automatic
 * flushes back off (1 s doubling to 60 s) instead of hammering it every interval and every batch.
 */
import type { Logger } from "pino";
import type { AnalyticsSink, CountedTurn, EventDimensions } from "./analytics-sink.ts";
import { CounterBuffer } from "./counter-buffer.ts";
import { blankFields, hourBucket, type Cell, type CellKey } from "./counter-cell.ts";
import type { CampaignFilter } from "./clean-dimensions.ts";
import { eventCells } from "./event-cells.ts";

/** Where counts are written; the Prisma store in production, an array in tests. */
export interface CounterWriter {
  increment(cells: readonly Cell[]): Promise<void>;
}

export interface BufferedSinkOptions {
  writer: CounterWriter;
  logger: Logger;
  flushSeconds: number;
  /**
   * Flush before the timer once this many distinct cells are buffered (default: half of
   * maxCells, at most 10,000), so a burst of new cells is written before the bound drops any.
   */
  flushCells?: number;
  maxCells: number;
  /** Deep-link campaigns staff listed (may change with content reloads); others count as "other". */
  isCampaign?: CampaignFilter;
  /** Given each turn's cells before they are buffered (the crash journal, count-journal.ts). */
  journal?: { record(cells: readonly CellKey[]): void };
  /** False while there is no database to write to yet: counts stay buffered, nothing is tried. */
  canWrite?: () => boolean;
  /** Backoff between automatic retries after a failed write (default 1 s doubling to 60 s). */
  retry?: { firstMs: number; maxMs: number };
  now?: () => Date;
}

export interface BufferedSink extends AnalyticsSink {
  /** Buffered cells, whether the last write failed, and totals since start, for /readyz and metrics. */
  status(): SinkStatus;
}

export interface SinkStatus {
  bufferedCells: number;
  writing: boolean;
  failing: boolean;
  /** Counts (one per event and cell) written to the database since start. */
  flushedCounts: number;
  /** Events dropped because the buffer was full, since start. */
  droppedEvents: number;
  /** Successful writes since start. */
  flushes: number;
}

export function createBufferedSink(options: BufferedSinkOptions): BufferedSink {
  const { writer, logger } = options;
  const flushCells = options.flushCells ?? Math.max(1, Math.min(10_000, Math.floor(options.maxCells / 2)));
  const now = options.now ?? (() => new Date());
  const buffer = new CounterBuffer(options.maxCells);
  const totals = { flushedCounts: 0, droppedEvents: 0, flushes: 0 };
  let inFlight: Promise<void> | null = null;
  let failing = false;
  let closed = false;
  const retry = options.retry ?? { firstMs: 1_000, maxMs: 60_000 };
  let retryDelay = retry.firstMs;
  /** Automatic flushes wait until then after a failure (Date.now() milliseconds). */
  let retryAt = 0;
  const canWrite = options.canWrite ?? (() => true);

  /** Events dropped (and already logged) whose count is not yet in the database. */
  let droppedUnstored = 0;

  const write = async (): Promise<void> => {
    const dropped = buffer.takeDropped();
    if (dropped) logger.warn({ droppedEvents: dropped }, "analytics buffer full: events dropped");
    droppedUnstored += dropped;
    totals.droppedEvents += dropped;
    if (!canWrite()) return;
    const cells = buffer.take();
    const including = droppedUnstored;
    if (!cells.length && !including) return;
    try {
      await writer.increment(including ? [...cells, droppedCell(including, now())] : cells);
      droppedUnstored -= including;
      totals.flushes++;
      totals.flushedCounts += cells.reduce((sum, c) => sum + c.count, 0);
      retryDelay = retry.firstMs;
      retryAt = 0;
      if (failing) logger.info("analytics database reachable again; buffered counts written");
      failing = false;
    } catch (error) {
      if (!failing)
        logger.error(
          { err: errorSummary(error), bufferedCells: cells.length },
          "analytics database unavailable; keeping counts in memory and retrying",
        );
      failing = true;
      retryAt = Date.now() + retryDelay;
      retryDelay = Math.min(retryDelay * 2, retry.maxMs);
      buffer.restore(cells); // the writer wrote all of them or none (one transaction)
    }
  };
  const flush = (): Promise<void> => {
    // One write at a time; a flush asked for during a write waits for it and then writes the rest.
    inFlight ??= write().finally(() => (inFlight = null));
    return inFlight;
  };
  /** A flush the timer or a full buffer asks for: skipped while backing off after a failure. */
  const autoFlush = (): void => {
    if (!inFlight && Date.now() >= retryAt) void flush();
  };
  const timer = setInterval(autoFlush, options.flushSeconds * 1000);
  timer.unref();

  return {
    record(turn: CountedTurn, dimensions: EventDimensions): void {
      if (closed) return;
      try {
        const cells = eventCells(turn, dimensions, now(), options.isCampaign);
        options.journal?.record(cells);
        for (const cell of cells) buffer.add(cell);
        if (buffer.size >= flushCells) autoFlush();
      } catch (error) {
        // Counting must never cost a person their answer.
        logger.error({ err: errorSummary(error) }, "analytics could not count a turn");
      }
    },
    async flush() {
      if (inFlight) await inFlight;
      await flush();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      if (inFlight) await inFlight;
      await flush();
      const left =
        buffer.take().reduce((sum, c) => sum + c.count, 0) + buffer.takeDropped() + droppedUnstored;
      if (left) logger.warn({ lostCounts: left }, "analytics database unavailable at shutdown: counts lost");
    },
    status: () => ({ bufferedCells: buffer.size, writing: inFlight !== null, failing, ...totals }),
  };
}

function droppedCell(count: number, time: Date): Cell {
  return { ...blankFields, bucket: hourBucket(time), kind: "analytics_dropped", count };
}

/** Name and message only: driver errors can echo the statement and its parameters. */
export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message.split("\n").filter(Boolean).pop()?.slice(0, 200) ?? "" }
    : { name: "Error", message: String(error).slice(0, 200) };
}
