/**
 * The embedded inbound queue: entries are handed to the turn in process, one chat's strictly one
 * after the other (a promise chain per chat), different chats at the same time. Delivery ids
 * answered are kept in DATA_DIR (answered-ids-file.ts), so a redelivery after a restart is still
 * answered once. With `pending` (pending-entries-log.ts), the entries accepted but not yet
 * answered are kept there too, with their progress, so after a crash the restarted process
 * answers them, resuming after the replies already sent; without it a crash loses them.
 */
import type { Logger } from "pino";
import type { AnsweredIds } from "./answered-ids-file.ts";
import {
  InboundUnavailableError,
  type EntryProgress,
  type InboundEntry,
  type InboundHandle,
  type InboundQueue,
} from "./inbound-queue.ts";
import type { PendingEntries } from "./pending-entries-log.ts";

export interface MemoryInboundQueueOptions {
  logger: Logger;
  answered: AnsweredIds;
  /** Where accepted entries wait on disk until answered (DATA_DIR/inbound). */
  pending?: PendingEntries;
  maxAttempts?: number;
  /** Wait before retrying a failed turn (grows with the attempt). */
  retryDelayMs?: number;
}

interface Queued extends EntryProgress {
  entry: InboundEntry;
  attempts: number;
}

export function createMemoryInboundQueue(options: MemoryInboundQueueOptions): InboundQueue {
  const { answered, pending } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.logger.child({ part: "inbound" });
  const chains = new Map<string, Promise<void>>();
  const queued = new Set<string>();
  const waiting: Queued[] = [];
  let handler: ((inbound: InboundHandle) => Promise<void>) | null = null;
  let stopping = false;

  // What a crash left: answered first, before anything new (they arrived earlier).
  for (const left of pending?.recovered ?? []) {
    if (answered.has(left.entry.dedupeKey)) void pending!.remove(left.entry.dedupeKey);
    else if (!queued.has(left.entry.dedupeKey)) {
      queued.add(left.entry.dedupeKey);
      waiting.push({ ...left });
    }
  }
  if (waiting.length) log.info({ entries: waiting.length }, "inbound: answering entries left by a crash");

  async function idle(): Promise<void> {
    while (chains.size) await Promise.all([...chains.values()]);
  }

  function enqueue(item: Queued): void {
    const key = item.entry.chatKey;
    const next = (chains.get(key) ?? Promise.resolve()).then(() => run(item));
    chains.set(key, next);
    void next.then(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  const keep = (item: Queued, change: Partial<Omit<Queued, "entry">>) => {
    Object.assign(item, change);
    return pending?.update(item.entry.dedupeKey, change);
  };

  async function run(item: Queued): Promise<void> {
    const { entry } = item;
    for (let attempt = item.attempts + 1; attempt <= maxAttempts; attempt++) {
      try {
        // Counted before it starts: a crash in the middle counts as a delivery.
        await keep(item, { attempts: attempt });
        await handler!({
          entry,
          attempt,
          progress: async () => ({ replies: item.replies, sent: item.sent }),
          recordReplies: async (replies) => keep(item, { replies }),
          recordSent: async (sent) => keep(item, { sent }),
        });
        break;
      } catch (err) {
        log.warn({ err, channel: entry.channel, attempt }, "inbound: turn failed; retrying");
        if (attempt === maxAttempts) log.error({ channel: entry.channel }, "inbound: entry given up");
        else await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 250) * 2 ** attempt));
      }
    }
    queued.delete(entry.dedupeKey);
    // Answered before forgotten: a crash in between leaves an entry that is then dropped as answered.
    await answered.add(entry.dedupeKey).catch((err) => log.warn({ err }, "inbound: answered id not written"));
    await pending
      ?.remove(entry.dedupeKey)
      .catch((err) => log.warn({ err }, "inbound: answered entry not removed"));
  }

  return {
    async submit(entry) {
      // Refused, not dropped: the webhook answers 5xx and the platform delivers it again later.
      if (stopping) throw new InboundUnavailableError(new Error("inbound queue is stopping"));
      if (answered.has(entry.dedupeKey) || queued.has(entry.dedupeKey)) return false;
      queued.add(entry.dedupeKey);
      try {
        await pending?.add(entry);
      } catch (err) {
        queued.delete(entry.dedupeKey);
        throw err;
      }
      const item: Queued = { entry, replies: null, sent: 0, attempts: 0 };
      if (handler) enqueue(item);
      else waiting.push(item);
      return true;
    },
    start(handle) {
      handler = handle;
      for (const item of waiting.splice(0)) enqueue(item);
    },
    async stop() {
      stopping = true;
      await idle();
      await answered.flush();
      answered.close();
      pending?.close();
    },
    idle,
  };
}
