/**
 * Where engine events go to be counted. The conversation layer hands over events and the
 * coarse dimensions of the turn; nothing that identifies a person or a conversation.
 */
import type { EngineEvent, PathSegment, Waiting } from "../engine/index.ts";

/** What analytics count of one turn (from StepResult): its events, its path, where the person now waits. */
export interface CountedTurn {
  readonly events: readonly EngineEvent[];
  readonly path: readonly PathSegment[];
  readonly waiting: Waiting;
}

export interface EventDimensions {
  channel: string;
  locale: string;
  country: string;
  campaign: string;
}

export interface AnalyticsSink {
  /** Must not block or throw: a turn never waits on the database. */
  record(turn: CountedTurn, dimensions: EventDimensions): void;
  /** Writes what is buffered (on shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const noAnalytics: AnalyticsSink = {
  record() {},
  async flush() {},
  async close() {},
};
