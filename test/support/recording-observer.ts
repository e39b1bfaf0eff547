/** A TurnObserver that records what it was told, for tests. */
import type { TurnObserver } from "../../src/channels/turn-observer.ts";

export interface RecordingObserver extends TurnObserver {
  readonly events: string[];
  count(prefix: string): number;
}

export function recordingObserver(): RecordingObserver {
  const events: string[] = [];
  return {
    events,
    count: (prefix) => events.filter((e) => e.startsWith(prefix)).length,
    turn: (channel, _seconds, outcome) => void events.push(`turn ${channel} ${outcome}`),
    replySent: (channel) => void events.push(`sent ${channel}`),
    replyFailed: (channel, errorClass) => void events.push(`failed ${channel} ${errorClass}`),
    retried429: (channel) => void events.push(`429 ${channel}`),
    gaveUp: (channel) => void events.push(`gave up ${channel}`),
  };
}
