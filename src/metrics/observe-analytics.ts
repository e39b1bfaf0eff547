/**
 * Analytics as metrics, read when Prometheus scrapes (nothing is done per event): cells waiting in
 * the buffer, counts written and events dropped since start, and whether the database answers.
 */
import { Counter, Gauge } from "prom-client";
import type { SinkStatus } from "../analytics/buffered-sink.ts";
import type { Metrics } from "./create-metrics.ts";

export interface AnalyticsProbe {
  /** The buffered sink's status, or null while analytics is not created yet. */
  status(): SinkStatus | null;
  /** Whether the analytics database is open and answers. */
  databaseUp(): Promise<boolean>;
}

export function observeAnalytics(metrics: Metrics, probe: AnalyticsProbe): void {
  const registers = [metrics.registry];
  new Gauge({
    name: "guardline_analytics_buffered_cells",
    help: "Distinct counter cells waiting in memory for the next write.",
    registers,
    collect() {
      this.set(probe.status()?.bufferedCells ?? 0);
    },
  });
  monotonic(
    "guardline_analytics_flushed_counts_total",
    "Counts (one per event and cell) written to the database.",
    () => probe.status()?.flushedCounts ?? 0,
  );
  monotonic(
    "guardline_analytics_dropped_events_total",
    "Events dropped because the analytics buffer was full.",
    () => probe.status()?.droppedEvents ?? 0,
  );
  monotonic(
    "guardline_analytics_flushes_total",
    "Successful writes of the analytics buffer.",
    () => probe.status()?.flushes ?? 0,
  );
  new Gauge({
    name: "guardline_analytics_database_up",
    help: "1 when the analytics database is open and answers, else 0.",
    registers,
    async collect() {
      this.set((await probe.databaseUp().catch(() => false)) ? 1 : 0);
    },
  });

  /** A counter mirroring a total kept elsewhere: it grows by the difference at each scrape. */
  function monotonic(name: string, help: string, read: () => number): void {
    let seen = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const total = read();
        if (total > seen) this.inc(total - seen);
        seen = Math.max(seen, total);
      },
    });
  }
}
