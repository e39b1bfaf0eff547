import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/index.ts";
import type { AnalyticsSink, EventDimensions } from "./analytics-sink.ts";
import { createForwardingSink } from "./forwarding-sink.ts";
import { captureLogger } from "../../test/support/test-logger.ts";

const dims: EventDimensions = { channel: "telegram", locale: "en", country: "", campaign: "" };
const event = { type: "flow_started", flow: "welcome", version: "v1" } as unknown as EngineEvent;

function recording(): AnalyticsSink & { seen: number } {
  const sink = {
    seen: 0,
    record: (events: readonly EngineEvent[]) => void (sink.seen += events.length),
    flush: async () => {},
    close: async () => {},
  };
  return sink;
}

describe("createForwardingSink", () => {
  it("holds turns until the real sink is attached, then hands them over and forwards", () => {
    const sink = createForwardingSink({ logger: captureLogger().logger });
    sink.record([event, event], dims);
    const real = recording();
    sink.attach(real);
    expect(real.seen).toBe(2);
    sink.record([event], dims);
    expect(real.seen).toBe(3);
  });

  it("holds a bounded number of turns", () => {
    const sink = createForwardingSink({ logger: captureLogger().logger, maxTurns: 2 });
    for (let i = 0; i < 5; i++) sink.record([event], dims);
    const real = recording();
    sink.attach(real);
    expect(real.seen).toBe(2);
  });
});
