/**
 * Counts buffered in memory survive a crash (`kill -9`, OOM) of the embedded server: every turn's
 * cells are appended to a journal segment in DATA_DIR, with the other lines of the same
 * event-loop turn (`appendLog`), so before its replies go out (they wait for the inbound entry's
 * progress, written in the same batch). When the buffered
 * sink takes its buffer to write it, the journal starts a new segment, so the closed ones hold
 * exactly the cells of that batch; once the database accepted the batch they are deleted. The
 * journal therefore holds one flush interval's worth of cells (more only while the database is
 * down), never the history. At start the segments left are summed, what was counted but never
 * written is written with the first batch, and the segments are replaced by one (temporary
 * file, fsync, rename) holding only that. The journal holds counter cells only (hour, flow,
 * node, coarse dimensions): the same anonymous data as the database.
 *
 * Limits, said plainly: appends are not fsync'd per turn, so a power cut can lose the last
 * second or so (a process crash cannot); a crash in the instant between a batch's commit and the
 * deletion of its segments counts that batch twice; events the full buffer dropped are replayed
 * in full after a crash (and also counted as dropped).
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Logger } from "pino";
import { appendLog } from "../durable/append-log.ts";
import { replaceFile } from "../durable/replace-file.ts";
import type { CounterWriter } from "./buffered-sink.ts";
import { cellId, keyFields, type Cell, type CellKey } from "./counter-cell.ts";

export interface CountJournal {
  /** Appends one turn's cells (the buffered sink calls it before it counts them). */
  record(cells: readonly CellKey[]): void;
  /** Writes the replayed cells with the first batch, and deletes the segments of every batch written. */
  wrapWriter(writer: CounterWriter): CounterWriter;
  /** Cells counted before the last crash and not yet written. */
  pending(): Cell[];
  /** Closes the open segment (at shutdown, after the last write; it is empty or holds what was lost). */
  close(): void;
}

/** `file` names the journal: its segments are `<file>.<n>` beside it. */
export function openCountJournal(file: string, options: { logger: Logger }): CountJournal {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const left = segmentsOf(file);
  let replay = sum(left.flatMap(read));
  let sequence = left.reduce((n, path) => Math.max(n, sequenceOf(path)), 0);
  const segment = () => `${file}.${++sequence}`;
  /** Segments whose cells are in the buffer (or the replay) and not yet in the database. */
  let unwritten: string[] = [];
  if (replay.length) {
    const replayed = segment();
    writeDurably(replayed, replay);
    unwritten.push(replayed);
    options.logger.warn(
      { cells: replay.length, counts: replay.reduce((n, c) => n + c.count, 0) },
      "analytics: counts of an unclean stop found in the journal; writing them",
    );
  }
  for (const path of left) rmSync(path, { force: true });
  for (const entry of readdirSync(dir))
    if (entry.startsWith(`${basename(file)}.`) && entry.endsWith(".tmp"))
      rmSync(join(dir, entry), { force: true });

  let current = segment();
  let fd: number | null = openSync(current, "a", 0o600);
  // Each turn's line goes out with the other lines of its event-loop turn, before anything that
  // awaits a durable write (the webhook's 200, a reply) goes on.
  const log = appendLog({
    fd: () => fd ?? -1,
    onError: (err) => options.logger.warn({ err }, "analytics: journal not written"),
  });
  const rotate = (): string[] => {
    log.flush();
    if (fd !== null) closeSync(fd);
    unwritten.push(current);
    current = segment();
    fd = openSync(current, "a", 0o600);
    const taken = unwritten;
    unwritten = [];
    return taken;
  };
  return {
    record(cells) {
      if (!cells.length || fd === null) return;
      log.appendLater(`+${JSON.stringify(cells.map((c) => encode({ ...c, count: 1 })))}\n`);
    },
    wrapWriter(writer) {
      return {
        async increment(cells) {
          // Called in the same tick as the buffer was taken: every turn counted so far is in this
          // batch (or the replay), every later one goes to the new segment.
          const taken = rotate();
          const replaying = replay;
          replay = [];
          const batch = replaying.length ? sum([cells, replaying]) : cells;
          try {
            await writer.increment(batch);
          } catch (error) {
            // The sink keeps the batch for the next write; so does the journal.
            replay = sum([replay, replaying]);
            unwritten = [...taken, ...unwritten];
            throw error;
          }
          for (const path of taken) rmSync(path, { force: true });
        },
      };
    },
    pending: () => [...replay],
    close() {
      log.flush();
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** The journal's segments on disk, and a single `file` as journals were kept before segments. */
function segmentsOf(file: string): string[] {
  const name = basename(file);
  const dir = dirname(file);
  return readdirSync(dir)
    .filter(
      (entry) =>
        entry === name || (entry.startsWith(`${name}.`) && /^\d+$/.test(entry.slice(name.length + 1))),
    )
    .map((entry) => join(dir, entry));
}

function sequenceOf(path: string): number {
  const n = Number(path.slice(path.lastIndexOf(".") + 1));
  return Number.isInteger(n) ? n : 0;
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

/** A segment's cells; journals from before segments may also hold "-" lines (a batch written). */
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

function writeDurably(file: string, cells: readonly Cell[]): void {
  replaceFile(file, `+${JSON.stringify(cells.map(encode))}\n`);
}
