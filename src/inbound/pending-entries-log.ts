/**
 * The entries accepted but not yet answered in embedded mode, kept in DATA_DIR so that a crash
 * (`kill -9`, an out-of-memory kill) loses none: the webhook has already answered 200 and the
 * platform will not deliver them again. They hold what the Redis stream would hold: the entry
 * (chat id and message, what the turn needs) and its progress (the rendered replies, how many
 * were sent).
 *
 * One append-only file, `pending`, written on an open descriptor: a line when an entry arrives,
 * when its progress changes and when it is answered, the lines of one event-loop turn in one
 * write (`appendLog`). No file to create, rename or delete per turn: a file per entry cost
 * several file-system calls per turn on the thread pool and slowed every turn under load. The file is emptied whenever no
 * entry is waiting (most of the time) and rewritten with only the waiting ones once it holds
 * many lines, so what people wrote does not stay on disk after it was answered. At start, lines
 * torn by a crash and entries older than `ttlSeconds` (their conversation has expired) are
 * dropped unread. Like the count journal, appends are not fsync'd: a process crash loses nothing,
 * a power cut may lose the last moment.
 */
import { closeSync, ftruncateSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { appendLog } from "../durable/append-log.ts";
import { restartLog } from "../durable/replace-file.ts";
import type { EntryProgress, InboundEntry } from "./inbound-queue.ts";

export interface PendingEntry extends EntryProgress {
  entry: InboundEntry;
  /** Deliveries to the turn started so far (0 until the first starts). */
  attempts: number;
}

export interface PendingEntries {
  /** What a crash left, oldest first (read once, at open). */
  readonly recovered: PendingEntry[];
  /** Written before the webhook may answer: resolves once the entry is in the file. */
  add(entry: InboundEntry): Promise<void>;
  update(dedupeKey: string, change: Partial<Omit<PendingEntry, "entry">>): Promise<void>;
  remove(dedupeKey: string): Promise<void>;
  /** Closes the file (at shutdown). */
  close(): void;
}

interface Stored extends PendingEntry {
  /** Milliseconds since the epoch: entries older than their conversation are dropped at start. */
  at: number;
}

type Line = ["+", Stored] | ["~", string, Partial<Omit<PendingEntry, "entry">>] | ["-", string];

/** Lines in the file before it is rewritten with only the entries still waiting. */
const compactAfter = 2_000;

export async function openPendingEntries(
  dir: string,
  options: { ttlSeconds: number; now?: () => number },
): Promise<PendingEntries> {
  const now = options.now ?? Date.now;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, "pending");
  const stored = new Map<string, Stored>();
  for (const line of readLines(file)) {
    if (line[0] === "+") stored.set(line[1].entry.dedupeKey, line[1]);
    else if (line[0] === "~") Object.assign(stored.get(line[1]) ?? {}, line[2]);
    else stored.delete(line[1]);
  }
  for (const [key, record] of stored) if (record.at < now() - options.ttlSeconds * 1000) stored.delete(key);
  // Anything else in the folder is a temporary file a crash left behind (or an older layout).
  for (const name of readdirSync(dir)) if (name !== "pending") rmSync(join(dir, name), { force: true });
  const recovered = [...stored.values()].sort((a, b) => a.at - b.at);

  let fd = rewrite(file, recovered);
  let lines = recovered.length;
  const log = appendLog({ fd: () => fd });
  const append = (line: Line) => {
    lines++;
    return log.append(`${JSON.stringify(line)}\n`);
  };
  const compact = () => {
    if (!stored.size) {
      // Every line queued or written is answered: none is worth writing.
      log.discard();
      ftruncateSync(fd, 0);
      lines = 0;
    } else if (lines >= compactAfter) {
      log.discard(); // `stored` is what they would have said
      closeSync(fd);
      fd = rewrite(file, [...stored.values()]);
      lines = stored.size;
    }
  };
  // A failure of the bookkeeping itself (not of the write, which rejects `append`) rejects too.
  const attempt = (work: () => Promise<void> | undefined): Promise<void> => {
    try {
      return work() ?? Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    recovered,
    add: (entry) =>
      attempt(() => {
        const record: Stored = { entry, replies: null, sent: 0, attempts: 0, at: now() };
        stored.set(entry.dedupeKey, record);
        return append(["+", record]);
      }),
    update: (dedupeKey, change) =>
      attempt(() => {
        const record = stored.get(dedupeKey);
        if (!record) return;
        Object.assign(record, change);
        return append(["~", dedupeKey, change]);
      }),
    remove: (dedupeKey) =>
      attempt(() => {
        if (!stored.delete(dedupeKey)) return;
        const written = append(["-", dedupeKey]);
        compact();
        return written;
      }),
    close: () => {
      log.flush();
      closeSync(fd);
    },
  };
}

function readLines(file: string): Line[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    try {
      const line = JSON.parse(raw) as Line;
      const valid =
        Array.isArray(line) &&
        ((line[0] === "+" &&
          typeof line[1]?.entry?.dedupeKey === "string" &&
          typeof line[1].at === "number") ||
          (line[0] === "~" && typeof line[1] === "string" && typeof line[2] === "object") ||
          (line[0] === "-" && typeof line[1] === "string"));
      if (valid) lines.push(line);
    } catch {
      // a line torn by the crash: the rest are kept
    }
  }
  return lines;
}

/** Writes `records` to a new file (temporary file, fsync, rename) and opens it for appending. */
function rewrite(file: string, records: readonly Stored[]): number {
  return restartLog(file, records.map((r) => `${JSON.stringify(["+", r])}\n`).join(""));
}
