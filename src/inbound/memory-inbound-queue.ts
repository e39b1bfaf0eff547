/**
 * The embedded inbound queue: entries are handed to the turn in process, one chat's strictly one
 * after the other (a promise chain per chat), different chats at the same time. Delivery ids
 * answered are kept in DATA_DIR (answered-ids-file.ts), so a redelivery after a restart is still
 * answered once. What a crash loses here: the entries accepted but not yet answered (they are
 * not written to disk, since they hold message text); the platform does not redeliver them.
 */
import type { Logger } from "pino";
import type { AnsweredIds } from "./answered-ids-file.ts";
import type { EntryProgress, InboundEntry, InboundHandle, InboundQueue } from "./inbound-queue.ts";

export interface MemoryInboundQueueOptions {
  logger: Logger;
  answered: AnsweredIds;
  maxAttempts?: number;
  /** Wait before retrying a failed turn (grows with the attempt). */
  retryDelayMs?: number;
}

export function createMemoryInboundQueue(options: MemoryInboundQueueOptions): InboundQueue {
  const { answered } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.logger.child({ part: "inbound" });
  const chains = new Map<string, Promise<void>>();
  const queued = new Set<string>();
  const waiting: InboundEntry[] = [];
  let handler: ((inbound: InboundHandle) => Promise<void>) | null = null;
  let stopping = false;

  function enqueue(entry: InboundEntry): void {
    const previous = chains.get(entry.chatKey) ?? Promise.resolve();
    const next = previous.then(() => run(entry));
    chains.set(entry.chatKey, next);
    void next.then(() => {
      if (chains.get(entry.chatKey) === next) chains.delete(entry.chatKey);
    });
  }

  async function run(entry: InboundEntry): Promise<void> {
    const progress: EntryProgress = { replies: null, sent: 0 };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await handler!({
          entry,
          attempt,
          progress: async () => ({ ...progress }),
          recordReplies: async (replies) => void (progress.replies = replies),
          recordSent: async (count) => void (progress.sent = count),
        });
        break;
      } catch (err) {
        log.warn({ err, channel: entry.channel, attempt }, "inbound: turn failed; retrying");
        if (attempt === maxAttempts) log.error({ channel: entry.channel }, "inbound: entry given up");
        else await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 250) * 2 ** attempt));
      }
    }
    queued.delete(entry.dedupeKey);
    await answered.add(entry.dedupeKey).catch((err) => log.warn({ err }, "inbound: answered id not written"));
  }

  return {
    async submit(entry) {
      // Refused, not dropped: the webhook answers 5xx and the platform delivers it again later.
      if (stopping) throw new Error("inbound queue is stopping");
      if (answered.has(entry.dedupeKey) || queued.has(entry.dedupeKey)) return false;
      queued.add(entry.dedupeKey);
      if (handler) enqueue(entry);
      else waiting.push(entry);
      return true;
    },
    start(handle) {
      handler = handle;
      for (const entry of waiting.splice(0)) enqueue(entry);
    },
    async stop() {
      stopping = true;
      while (chains.size) await Promise.all([...chains.values()]);
      await answered.flush();
    },
  };
}
