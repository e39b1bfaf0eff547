/**
 * Where engine events go to be counted. The conversation layer hands over events and the
 * coarse dimensions of the turn; nothing that identifies a person or a conversation.
 */
import type { EngineEvent } from "../engine/index.ts";

export interface EventDimensions {
  channel: string;
  locale: string;
  country: string;
  campaign: string;
}

export interface AnalyticsSink {
  /** Must not block or throw: a turn never waits on the database. */
  record(events: readonly EngineEvent[], dimensions: EventDimensions): void;
  /** Writes what is buffered (on shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const noAnalytics: AnalyticsSink = {
  record() {},
  async flush() {},
  async close() {},
};
