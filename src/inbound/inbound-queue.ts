/**
 * Durable inbound updates: what a webhook has received and acknowledged but not yet answered.
 * With Redis, entries live in a stream read by a consumer group shared by every instance, so an
 * update acknowledged by an instance that then dies is answered by another. Embedded, they are
 * handed on in process. One chat's entries are handled strictly one after the other, in order.
 */

/** One update a channel received, kept until its turn has been answered. */
export interface InboundEntry {
  /** Channel name: telegram, whatsapp_web, whatsapp_cloud. */
  channel: string;
  /** Keyed hash of the chat (the session key): the partition that keeps one chat's updates in order. */
  chatKey: string;
  /** Keyed hash of the platform's delivery id (update_id, message id), to answer a redelivery once. */
  dedupeKey: string;
  /** What the channel's adapter needs to run the turn and reply (JSON-serialisable, no more). */
  payload: unknown;
}

/** Where a retried entry got to before its instance stopped: the replies already sent are not sent again. */
export interface EntryProgress {
  /** The turn's rendered replies, recorded once the turn's state was saved. */
  replies: unknown[] | null;
  /** How many of them were sent. */
  sent: number;
}

export interface InboundHandle {
  entry: InboundEntry;
  /** 1 for the first delivery, more when the entry is retried after a crash or a failure. */
  attempt: number;
  progress(): Promise<EntryProgress>;
  recordReplies(replies: unknown[]): Promise<void>;
  recordSent(count: number): Promise<void>;
}

export interface InboundQueue {
  /**
   * Resolves once the entry is safely accepted (the webhook may then answer 200): true when it
   * was queued, false when its dedupeKey was seen before (a redelivery, answered once). Rejects
   * with InboundUnavailableError when it refuses the entry (shutting down): the webhook answers
   * 503 so the platform delivers it again; with another error when its store failed (Redis
   * unreachable), and the caller may answer the update without the queue.
   */
  submit(entry: InboundEntry): Promise<boolean>;
  /** Starts handing entries to `handle`; an entry is acknowledged when `handle` resolves. */
  start(handle: (inbound: InboundHandle) => Promise<void>): void;
  /**
   * Stops taking entries and waits for those in hand. Embedded, that is every entry accepted
   * (nothing else would answer them); with Redis, the entry each partition is running, while the
   * rest stay in the stream for another instance.
   */
  stop(): Promise<void>;
  /**
   * Resolves when the entries this process holds are answered: embedded, every entry accepted;
   * with Redis, those in hand (others may be another instance's). For tests and shutdown.
   */
  idle(): Promise<void>;
}

/**
 * The queue refuses the update (shutting down): the webhook answers 503 so the platform delivers
 * it again, to this instance or another.
 */
export class InboundUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the inbound queue did not take the update", { cause });
    this.name = "InboundUnavailableError";
  }
}
