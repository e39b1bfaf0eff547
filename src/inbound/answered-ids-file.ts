/**
 * The delivery ids answered in embedded mode, kept in a file in DATA_DIR so a replayed Telegram
 * update or a replayed signed WhatsApp payload (Meta's signature has no timestamp) is not answered
 * again after a restart. Each id is appended as one line (`<expires-at-seconds> <id>`) as soon as
 * its turn is answered, so a crash loses at most the line being written; at start the file is
 * read, expired or torn lines dropped, and rewritten through a temporary file and a rename, so a
 * crash during the rewrite leaves the old file whole. Ids are keyed hashes, never raw chat ids.
 */
import { appendFile, mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { LRUCache } from "lru-cache";

export interface AnsweredIds {
  has(id: string): boolean;
  add(id: string): Promise<void>;
  /** Resolves when every add so far is written. */
  flush(): Promise<void>;
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
  await rewrite(file, ids);
  let writes: Promise<void> = Promise.resolve();
  return {
    has: (id) => {
      const expires = ids.get(id);
      return expires !== undefined && expires * 1000 > now();
    },
    add(id) {
      const expires = Math.ceil(now() / 1000 + options.ttlSeconds);
      ids.set(id, expires);
      writes = writes.then(() => appendFile(file, `${expires} ${id}\n`, { mode: 0o600 }));
      return writes;
    },
    flush: () => writes,
  };
}

async function rewrite(file: string, ids: LRUCache<string, number>): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    await handle.writeFile([...ids.entries()].map(([id, at]) => `${at} ${id}\n`).join(""));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
