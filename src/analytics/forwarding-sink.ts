/**
 * The sink turns record into while the analytics database is still opening (a fresh embedded
 * database migrates for several seconds, longer on a loaded machine). The server listens and
 * answers people meanwhile; what they did is held here (bounded) and handed to the real sink
 * once it is there, so no count is lost to start-up.
 */
import type { Logger } from "pino";
import type { EngineEvent } from "../engine/index.ts";
import type { AnalyticsSink, EventDimensions } from "./analytics-sink.ts";

export interface ForwardingSink extends AnalyticsSink {
  /** Hands over what was held, then forwards everything to `sink`. */
  attach(sink: AnalyticsSink): void;
}

export function createForwardingSink(options: { logger: Logger; maxTurns?: number }): ForwardingSink {
  const maxTurns = options.maxTurns ?? 10_000;
  let target: AnalyticsSink | null = null;
  let held: Array<[readonly EngineEvent[], EventDimensions]> = [];
  let dropped = 0;
  return {
    record(events, dimensions) {
      if (target) return target.record(events, dimensions);
      if (!events.length) return;
      if (held.length >= maxTurns) dropped++;
      else held.push([events, dimensions]);
    },
    attach(sink) {
      target = sink;
      for (const [events, dimensions] of held) sink.record(events, dimensions);
      if (held.length || dropped)
        options.logger.info(
          { heldTurns: held.length, droppedTurns: dropped },
          "analytics: counts of turns answered during start-up handed over",
        );
      held = [];
    },
    flush: async () => target?.flush(),
    close: async () => target?.close(),
  };
}
