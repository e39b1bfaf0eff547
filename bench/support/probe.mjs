/**
 * Preloaded (`--import`) into a bot under benchmark: answers the benchmark's questions over the
 * IPC channel with its event-loop delay (perf_hooks.monitorEventLoopDelay, sampled every 1 ms)
 * and its memory: after a full garbage collection (`--expose-gc`) for "probe:read", as it is for
 * "probe:peek". Plain JavaScript, so that a bot started without a TypeScript loader (Guardline's
 * bundle, as `npm start` runs it) can preload it too. The answer's shape is `ProbeAnswer` in
 * child-bot.ts.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const ms = (ns) => ns / 1e6;
/** CPU time of the whole process (every thread) since the last reset: the cost of the work, whatever else runs. */
let cpuFrom = process.cpuUsage();

/**
 * BENCH_HEAP_PROF=<folder>: a sampling allocation profile from one reset to the next read,
 * collected objects included (what the garbage collector has to clear, not what stays), written
 * as a .heapprofile (Chrome DevTools, Memory tab) to see which code allocates per turn.
 */
const heapProfileDir = process.env.BENCH_HEAP_PROF;
const inspector = heapProfileDir ? new Session() : null;
inspector?.connect();
let sampling = false;

process.on("message", (message) => {
  if (message === "probe:reset") {
    cpuFrom = process.cpuUsage();
    if (inspector && !sampling) {
      sampling = true;
      inspector.post("HeapProfiler.startSampling", {
        samplingInterval: 16384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    return delay.reset();
  }
  if (message === "probe:read" && inspector && sampling) {
    sampling = false;
    inspector.post("HeapProfiler.stopSampling", (error, result) => {
      if (!error)
        writeFileSync(join(heapProfileDir, `${process.pid}.heapprofile`), JSON.stringify(result.profile));
    });
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
    heapTotal: memory.heapTotal,
    external: memory.external,
  });
});
// The IPC channel alone must not keep the bot running.
process.channel?.unref();
