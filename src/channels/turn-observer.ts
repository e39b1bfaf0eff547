/**
 * What the turn runner and the platform clients' retry code report, for metrics. Only channel
 * names, counts, durations and error classes pass through here: never a chat id, phone or text.
 */
export interface TurnObserver {
  turn(
    channel: string,
    seconds: number,
    outcome: "answered" | "content_unavailable" | "failed" | "duplicate",
  ): void;
  replySent(channel: string): void;
  replyFailed(channel: string, errorClass: string): void;
  retried429(channel: string): void;
  gaveUp(channel: string): void;
}

/** The default: observes nothing. */
export const noObserver: TurnObserver = {
  turn() {},
  replySent() {},
  replyFailed() {},
  retried429() {},
  gaveUp() {},
};
