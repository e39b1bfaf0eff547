/**
 * The entries accepted but not yet answered in embedded mode, kept in DATA_DIR so that a crash
 * (`kill -9`, an out-of-memory kill) loses none: the webhook has already answered 200 and the
 * platform will not deliver them again. One file per entry (owner-only), holding what the Redis
 * stream would hold: the entry (chat id and message, what the turn needs) and its progress (the
 * rendered replies, how many were sent). Each write goes through a temporary file and a rename,
 * so a crash leaves the old version whole; the file is deleted as soon as the entry is answered,
 * and one older than `ttlSeconds` (its conversation has expired) is deleted at start unread.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EntryProgress, InboundEntry } from "./inbound-queue.ts";

export interface PendingEntry extends EntryProgress {
  entry: InboundEntry;
  /** Deliveries to the turn started so far (0 until the first starts). */
  attempts: number;
}

export interface PendingEntries {
  /** What a crash left, oldest first (read once, at open). */
  readonly recovered: PendingEntry[];
  /** Written before the webhook may answer: resolves once the entry is on disk. */
  add(entry: InboundEntry): Promise<void>;
  update(dedupeKey: string, change: Partial<Omit<PendingEntry, "entry">>): Promise<void>;
  remove(dedupeKey: string): Promise<void>;
}

interface Stored extends PendingEntry {
  /** Milliseconds since the epoch, then a counter: the order of arrival. */
  at: number;
  seq: number;
}

export async function openPendingEntries(
  dir: string,
  options: { ttlSeconds: number; now?: () => number },
): Promise<PendingEntries> {
  const now = options.now ?? Date.now;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stored = new Map<string, Stored>();
  const fileOf = (dedupeKey: string) => join(dir, `${dedupeKey.replace(/[^A-Za-z0-9_-]/g, "_")}.json`);
  const recovered: Stored[] = [];
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    if (!name.endsWith(".json")) {
      await rm(file, { force: true }); // a temporary file a crash left behind
      continue;
    }
    const record = await readFile(file, "utf8").then(parse, () => null);
    if (!record || record.at < now() - options.ttlSeconds * 1000) await rm(file, { force: true });
    else recovered.push(record);
  }
  recovered.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const record of recovered) stored.set(record.entry.dedupeKey, record);
  let seq = recovered.length;

  // One write at a time per entry, in call order, so a later progress never loses to an earlier one.
  const chains = new Map<string, Promise<void>>();
  const write = (dedupeKey: string, task: () => Promise<void>): Promise<void> => {
    const next = (chains.get(dedupeKey) ?? Promise.resolve()).then(task);
    const settled = next.catch(() => undefined);
    chains.set(dedupeKey, settled);
    void settled.then(() => chains.get(dedupeKey) === settled && chains.delete(dedupeKey));
    return next;
  };
  const save = (record: Stored) =>
    write(record.entry.dedupeKey, async () => {
      if (stored.get(record.entry.dedupeKey) !== record) return; // removed meanwhile
      const file = fileOf(record.entry.dedupeKey);
      await writeFile(`${file}.tmp`, JSON.stringify(record), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    });

  return {
    recovered,
    add(entry) {
      const record: Stored = { entry, replies: null, sent: 0, attempts: 0, at: now(), seq: seq++ };
      stored.set(entry.dedupeKey, record);
      return save(record);
    },
    update(dedupeKey, change) {
      const record = stored.get(dedupeKey);
      if (!record) return Promise.resolve();
      Object.assign(record, change);
      return save(record);
    },
    remove(dedupeKey) {
      stored.delete(dedupeKey);
      return write(dedupeKey, () => rm(fileOf(dedupeKey), { force: true }));
    },
  };
}

function parse(text: string): Stored | null {
  try {
    const value = JSON.parse(text) as Stored;
    return value?.entry?.dedupeKey && typeof value.at === "number" ? value : null;
  } catch {
    return null;
  }
}
