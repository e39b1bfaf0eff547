/**
 * Group commit for the append-only files in DATA_DIR (the analytics journal, the pending inbound
 * entries, the answered delivery ids). Each turn appends several short lines to them; one
 * `write` per line cost a system call and a file-system journal update each, several per turn,
 * a visible share of a turn's CPU under load. Lines appended during one turn of the event loop
 * are instead queued and written together, one `write` per file, in a `setImmediate` callback
 * that runs before the loop waits for I/O again: under load, the lines of dozens of turns go
 * out in one call.
 *
 * What callers rely on is unchanged: `append` resolves only once its line is in the file (the
 * webhook answers 200, a reply is sent, only after that), and every file is written in the one
 * callback before any of those promises resolves, so whatever a caller does after awaiting
 * happens after every line appended before it, in any of the files. A crash can lose only lines
 * whose promises had not resolved, that is, work nobody was told was done.
 */
import { writeSync } from "node:fs";

export interface AppendLog {
  /** Queues `text` (whole lines); resolves once it is written. */
  append(text: string): Promise<void>;
  /** Queues `text` for the next write with nothing to wait for (a failure is `onError`'s). */
  appendLater(text: string): void;
  /** Writes what is queued now: before the descriptor is closed, replaced or truncated. */
  flush(): void;
  /**
   * Forgets what is queued, as written: for a file about to be emptied or rewritten with its
   * current contents, whose queued lines are already obsolete.
   */
  discard(): void;
}

export interface AppendLogOptions {
  /** The descriptor to write to now (files are rotated and rewritten under the log). */
  fd: () => number;
  /** A failed write of lines queued with `appendLater` (those with a promise reject it). */
  onError?: (error: Error) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Logs with lines queued, in the order they were first appended to. */
const queued = new Set<() => void>();
let scheduled = false;

function writeQueued(): void {
  scheduled = false;
  for (const flush of [...queued]) flush();
}

export function appendLog(options: AppendLogOptions): AppendLog {
  let chunks: string[] = [];
  let waiters: Waiter[] = [];
  /** Lines queued with nobody awaiting them: their failure is reported to `onError`. */
  let unawaited = false;
  const take = () => {
    const taken = { text: chunks.join(""), waiters, unawaited };
    chunks = [];
    waiters = [];
    unawaited = false;
    queued.delete(flush);
    return taken;
  };
  const flush = () => {
    if (!chunks.length) return void queued.delete(flush);
    const batch = take();
    try {
      writeSync(options.fd(), batch.text);
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      if (batch.unawaited) options.onError?.(error);
      for (const waiter of batch.waiters) waiter.reject(error);
      return;
    }
    for (const waiter of batch.waiters) waiter.resolve();
  };
  const queue = (text: string) => {
    chunks.push(text);
    queued.add(flush);
    if (!scheduled) {
      scheduled = true;
      setImmediate(writeQueued);
    }
  };
  return {
    append(text) {
      return new Promise<void>((resolve, reject) => {
        queue(text);
        waiters.push({ resolve, reject });
      });
    },
    appendLater(text) {
      queue(text);
      unawaited = true;
    },
    flush,
    discard() {
      for (const waiter of take().waiters) waiter.resolve();
    },
  };
}
