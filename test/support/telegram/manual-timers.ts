/** Timers a test fires by hand, recording every requested delay. */
import type { Timers } from "../../../src/backoff/backoff.ts";

export interface ManualTimers extends Timers {
  delays: number[];
  pending(): number;
  /** Runs the oldest scheduled callback. */
  fire(): void;
}

export function manualTimers(): ManualTimers {
  const queue: Array<() => void> = [];
  const delays: number[] = [];
  return {
    delays,
    set(run, ms) {
      queue.push(run);
      delays.push(ms);
      return run;
    },
    clear(handle) {
      const at = queue.indexOf(handle as () => void);
      if (at >= 0) queue.splice(at, 1);
    },
    pending: () => queue.length,
    fire() {
      const run = queue.shift();
      if (!run) throw new Error("no timer scheduled");
      run();
    },
  };
}
