/** A turn as analytics receive it, for tests that count hand-written events. */
import type { CountedTurn } from "../../src/analytics/analytics-sink.ts";
import type { EngineEvent } from "../../src/engine/index.ts";

export function turnOf(events: readonly EngineEvent[], more: Partial<CountedTurn> = {}): CountedTurn {
  return { events, path: [], waiting: { kind: "nowhere" }, ...more };
}
