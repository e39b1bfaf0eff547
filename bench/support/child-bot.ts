/**
 * A bot under benchmark in its own Node process (so each has its event loop and memory to itself),
 * with the probe preloaded, and a way to ask it for its event-loop delay and memory.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What the probe (probe.mjs) answers. */
export interface ProbeAnswer {
  type: "probe";
  /** Milliseconds since the last reset (the sampling resolution included). */
  loop: { p50: number; p99: number; max: number };
  /** CPU time (user + system, every thread) since the last reset, in milliseconds. */
  cpuMs: number;
  rss: number;
  heapUsed: number;
  /** The main thread's V8 heap as reserved, and memory outside it (buffers, WebAssembly). */
  heapTotal: number;
  external: number;
}

export interface ChildBot {
  child: ChildProcess;
  /** Resets the event-loop delay histogram. */
  resetProbe(): void;
  /** Event-loop delay since the last reset and memory after a full garbage collection (or as it is: `peek`). */
  readProbe(peek?: boolean): Promise<ProbeAnswer>;
  /** The first IPC message of the given type (the bare bot's port). */
  message<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

const probe = fileURLToPath(new URL("./probe.mjs", import.meta.url));

/** Starts `script`: a TypeScript file through tsx, a JavaScript one (Guardline's `scripts/start.mjs`) as it is. */
export function startChildBot(script: string, env: Record<string, string>): ChildBot {
  const child = fork(script, [], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...(process.env.BENCH_HEAP_PROF ? { BENCH_HEAP_PROF: process.env.BENCH_HEAP_PROF } : {}),
      ...env,
    },
    execArgv: [
      ...(script.endsWith(".ts") ? ["--import", "tsx"] : []),
      "--import",
      probe,
      "--expose-gc",
      // BENCH_CPU_PROF=<folder>: each bot writes a V8 CPU profile there when it exits (open it in
      // Chrome's DevTools or speedscope) to see where a turn's time goes.
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    // Logs go nowhere: writing them is part of the cost, reading them is not.
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A benchmark that fails must not leave its bots running.
  const orphan = () => child.kill("SIGKILL");
  process.once("exit", orphan);
  void exited.then(() => process.off("exit", orphan));
  const message = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { type?: string })?.type !== type) return;
        child.off("message", onMessage);
        resolve(m as T);
      };
      child.on("message", onMessage);
      void exited.then(() => reject(new Error(`${script} exited`)));
    });
  return {
    child,
    message,
    resetProbe: () => void child.send("probe:reset"),
    readProbe(peek = false) {
      const answer = message<ProbeAnswer>("probe");
      child.send(peek ? "probe:peek" : "probe:read");
      return answer;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls `url` until it answers 200; resolves with the milliseconds since `since`. */
export async function waitFor200(url: string, since: number, timeoutMs = 120_000): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - since;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}
