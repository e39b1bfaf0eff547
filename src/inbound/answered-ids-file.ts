/**
 * The delivery ids answered in embedded mode, kept in a file in DATA_DIR so a replayed Telegram
 * update or a replayed signed WhatsApp payload (Meta's signature has no timestamp) is not answered
 * again after a restart. Each id is appended as one line (`<expires-at-seconds> <id>`) on an open
 * descriptor as soon as its turn is answered (the lines of one event-loop turn in one write,
 * `appendLog`), so a crash loses at most the ids whose `add` had not resolved; at
 * start, and whenever the file holds many more lines than ids still remembered, it is rewritten
 * with only those (expired or torn lines dropped) through a temporary file and a rename, so a
 * crash during the rewrite leaves the old file whole. Ids are keyed hashes, never raw chat ids.
 */
import { closeSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { LRUCache } from "lru-cache";
import { appendLog } from "../durable/append-log.ts";
import { restartLog } from "../durable/replace-file.ts";

export interface AnsweredIds {
  has(id: string): boolean;
  add(id: string): Promise<void>;
  /** Resolves when every add so far is written. */
  flush(): Promise<void>;
  /** Closes the file (at shutdown). */
  close(): void;
}

export async function openAnsweredIds(
  file: string,
  options: { ttlSeconds: number; max?: number; now?: () => number },
): Promise<AnsweredIds> {
  const now = options.now ?? Date.now;
  const ids = new LRUCache<string, number>({ max: options.max ?? 100_000 });
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return "";
    throw err;
  });
  for (const line of text.split("\n")) {
    const match = /^(\d+) (\S+)$/.exec(line);
    if (match && Number(match[1]) * 1000 > now()) ids.set(match[2]!, Number(match[1]));
  }
  await mkdir(dirname(file), { recursive: true });
  let fd = rewrite(file, ids, now());
  let lines = ids.size;
  const log = appendLog({ fd: () => fd });
  return {
    has: (id) => {
      const expires = ids.get(id);
      return expires !== undefined && expires * 1000 > now();
    },
    add(id) {
      const expires = Math.ceil(now() / 1000 + options.ttlSeconds);
      ids.set(id, expires);
      const written = log.append(`${expires} ${id}\n`);
      // Bounded: the file never holds much more than the ids remembered (at most `max`).
      if (++lines > Math.max(10_000, 2 * ids.size)) {
        try {
          log.discard(); // the rewrite holds every id remembered, this one too
          closeSync(fd);
          fd = rewrite(file, ids, now());
          lines = ids.size;
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      return written;
    },
    flush: () => {
      log.flush();
      return Promise.resolve();
    },
    close: () => {
      log.flush();
      closeSync(fd);
    },
  };
}

/** Writes the ids not yet expired to a new file and opens it for appending. */
function rewrite(file: string, ids: LRUCache<string, number>, nowMs: number): number {
  const live = [...ids.entries()].filter(([, at]) => at * 1000 > nowMs);
  return restartLog(file, live.map(([id, at]) => `${at} ${id}\n`).join(""));
}
