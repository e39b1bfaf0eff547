/**
 * Preloaded (`--import`) into a bot under benchmark: answers the benchmark's questions over the
 * IPC channel with its event-loop delay (perf_hooks.monitorEventLoopDelay, sampled every 1 ms)
 * and its memory: after a full garbage collection (`--expose-gc`) for "probe:read", as it is for
 * "probe:peek". Plain JavaScript, so that a bot started without a TypeScript loader (Guardline's
 * bundle, as `npm start` runs it) can preload it too. The answer's shape is `ProbeAnswer` in
 * child-bot.ts.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const ms = (ns) => ns / 1e6;
/** CPU time of the whole process (every thread) since the last reset: the cost of the work, whatever else runs. */
let cpuFrom = process.cpuUsage();

process.on("message", (message) => {
  if (message === "probe:reset") {
    cpuFrom = process.cpuUsage();
    return delay.reset();
  }
  if (message !== "probe:read" && message !== "probe:peek") return;
  if (message === "probe:read") {
    globalThis.gc?.();
    globalThis.gc?.();
  }
  const memory = process.memoryUsage();
  process.send?.({
    type: "probe",
    loop: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    cpuMs: ((cpu) => (cpu.user + cpu.system) / 1000)(process.cpuUsage(cpuFrom)),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
  });
});
// The IPC channel alone must not keep the bot running.
process.channel?.unref();
