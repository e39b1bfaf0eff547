/**
 * Preloaded (`--import`) into a bot under benchmark: answers the benchmark's questions over the
 * IPC channel with its event-loop delay (perf_hooks.monitorEventLoopDelay, sampled every 1 ms)
 * and its memory: after a full garbage collection (`--expose-gc`) for "probe:read", as it is for
 * "probe:peek".
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface ProbeAnswer {
  type: "probe";
  /** Milliseconds since the last reset (the sampling resolution included). */
  loop: { p50: number; p99: number; max: number };
  rss: number;
  heapUsed: number;
}

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const ms = (ns: number) => ns / 1e6;

process.on("message", (message: unknown) => {
  if (message === "probe:reset") return delay.reset();
  if (message !== "probe:read" && message !== "probe:peek") return;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (message === "probe:read") {
    gc?.();
    gc?.();
  }
  const memory = process.memoryUsage();
  const answer: ProbeAnswer = {
    type: "probe",
    loop: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    rss: memory.rss,
    heapUsed: memory.heapUsed,
  };
  process.send?.(answer);
});
// The IPC channel alone must not keep the bot running.
process.channel?.unref();
