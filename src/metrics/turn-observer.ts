/**
 * What the turn runner reports about each turn and each reply, recorded as metrics. Only the
 * channel name, the outcome and an error class name become labels (checked by safeLabel).
 */
import type { TurnObserver } from "../channels/turn-observer.ts";
import { channelNames, safeLabel, type Metrics } from "./create-metrics.ts";

export type { TurnObserver };

export type TurnOutcome = "answered" | "content_unavailable" | "failed" | "duplicate";

const outcomes: readonly TurnOutcome[] = ["answered", "content_unavailable", "failed", "duplicate"];
const channel = (name: string) => safeLabel(name, channelNames);

export function createTurnObserver(metrics: Metrics): TurnObserver {
  return {
    turn(name, seconds, outcome) {
      metrics.turns.inc({ channel: channel(name), outcome: safeLabel(outcome, outcomes) });
      if (Number.isFinite(seconds) && seconds >= 0)
        metrics.turnSeconds.observe({ channel: channel(name) }, seconds);
    },
    replySent: (name) => metrics.repliesSent.inc({ channel: channel(name) }),
    replyFailed: (name, errorClass) =>
      metrics.repliesFailed.inc({ channel: channel(name), error_class: safeLabel(errorClass) }),
    retried429: (name) => metrics.rateLimitRetries.inc({ channel: channel(name) }),
    gaveUp: (name) => metrics.repliesGivenUp.inc({ channel: channel(name) }),
  };
}
