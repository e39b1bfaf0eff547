/**
 * Counts buffered in memory survive a crash (`kill -9`, OOM) of the embedded server: every turn's
 * cells are appended to DATA_DIR/analytics-journal before the turn goes on, and every batch the
 * database accepted is appended as a subtraction. At start the journal is summed, what was
 * counted but never written is replayed into the database with the first write, and the file is
 * rewritten (temporary file, fsync, rename) holding only that. The journal holds counter cells
 * only (hour, flow, node, coarse dimensions): the same anonymous data as the database.
 *
 * Limits, said plainly: the append is not fsync'd per turn, so a power cut can lose the last
 * second or so (a process crash cannot); a crash in the instant between a batch's commit and its
 * subtraction line counts that batch twice; events the full buffer dropped are replayed in full
 * after a crash (and also counted as dropped).
 */
import {
  appendFileSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "pino";
import type { AnalyticsSink, CountedTurn, EventDimensions } from "./analytics-sink.ts";
import type { CounterWriter } from "./buffered-sink.ts";
import type { CampaignFilter } from "./clean-dimensions.ts";
import { cellId, keyFields, type Cell, type CellKey } from "./counter-cell.ts";
import { eventCells } from "./event-cells.ts";

export interface CountJournal {
  /** Journals each turn's cells, then records into `sink`. */
  wrapSink<S extends AnalyticsSink>(sink: S): S;
  /** Writes the replayed cells with the first batch, and journals every batch written. */
  wrapWriter(writer: CounterWriter): CounterWriter;
  /** Cells counted before the last crash and not yet written. */
  pending(): Cell[];
}

export function openCountJournal(
  file: string,
  options: { logger: Logger; isCampaign?: CampaignFilter; now?: () => Date },
): CountJournal {
  const now = options.now ?? (() => new Date());
  mkdirSync(dirname(file), { recursive: true });
  let replay = sum(read(file));
  rewrite(file, replay);
  if (replay.length)
    options.logger.warn(
      { cells: replay.length, counts: replay.reduce((n, c) => n + c.count, 0) },
      "analytics: counts of an unclean stop found in the journal; writing them",
    );
  const append = (sign: "+" | "-", cells: readonly Cell[]) => {
    if (!cells.length) return;
    try {
      appendFileSync(file, `${sign}${JSON.stringify(cells.map(encode))}\n`, { mode: 0o600 });
    } catch (err) {
      options.logger.warn({ err }, "analytics: journal not written");
    }
  };
  return {
    wrapSink(sink) {
      const record = sink.record.bind(sink);
      sink.record = (turn: CountedTurn, dimensions: EventDimensions) => {
        try {
          append("+", aggregate(eventCells(turn, dimensions, now(), options.isCampaign)));
        } catch {
          // Counting must never cost a person their answer; the sink logs its own failures.
        }
        record(turn, dimensions);
      };
      return sink;
    },
    wrapWriter(writer) {
      return {
        async increment(cells) {
          // Taken before the write, so two writes at once never both carry the replay.
          const taking = replay;
          replay = [];
          const batch = taking.length ? sum([cells, taking]) : cells;
          try {
            await writer.increment(batch);
          } catch (error) {
            replay = sum([replay, taking]);
            throw error;
          }
          append("-", batch);
        },
      };
    },
    pending: () => [...replay],
  };
}

type Encoded = [number, ...string[], number];

function encode(c: Cell): Encoded {
  return [c.bucket.getTime(), ...keyFields.map((f) => c[f]), c.count] as Encoded;
}

function decode(e: unknown[]): Cell {
  const [bucket, ...rest] = e as [number, ...string[]];
  const cell = { bucket: new Date(bucket), count: Number(rest[rest.length - 1]) } as Cell;
  keyFields.forEach((f, i) => (cell[f] = String(rest[i])));
  return cell;
}

function aggregate(keys: readonly CellKey[]): Cell[] {
  return sum([keys.map((k) => ({ ...k, count: 1 }))]);
}

/** Adds lists of cells up by key (a subtraction is a negative count); drops cells at zero or below. */
function sum(lists: ReadonlyArray<readonly Cell[]>): Cell[] {
  const out = new Map<string, Cell>();
  for (const list of lists)
    for (const cell of list) {
      const id = cellId(cell);
      const seen = out.get(id);
      if (seen) seen.count += cell.count;
      else out.set(id, { ...cell });
    }
  return [...out.values()].filter((c) => c.count > 0);
}

function read(file: string): Cell[][] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const lists: Cell[][] = [];
  for (const line of text.split("\n")) {
    try {
      const cells = (JSON.parse(line.slice(1)) as unknown[][]).map(decode);
      if (line[0] === "+") lists.push(cells);
      if (line[0] === "-") lists.push(cells.map((c) => ({ ...c, count: -c.count })));
    } catch {
      // a line torn by the crash: its turn's counts are lost, the rest are kept
    }
  }
  return lists;
}

function rewrite(file: string, cells: readonly Cell[]): void {
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    if (cells.length) writeSync(fd, `+${JSON.stringify(cells.map(encode))}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
