/**
 * Node's process warnings (MaxListenersExceededWarning, deprecations) go into the JSON log instead
 * of stderr text, where they would break a log collector's line-by-line JSON parsing. Node prints
 * warnings through its own 'warning' listener; it is replaced, not added to.
 */
import type { Logger } from "pino";

/** Routes warnings of `proc` to `logger`; returns a function that restores Node's printing. */
export function routeWarnings(logger: Logger, proc: NodeJS.Process = process): () => void {
  const printers = proc.listeners("warning");
  for (const printer of printers) proc.removeListener("warning", printer);
  const log = function logWarning(warning: Error & { code?: string }) {
    // The message names event types or APIs, never a person; the stack is cut short like errors'.
    logger.warn(
      {
        warning: {
          name: warning.name,
          ...(warning.code ? { code: warning.code } : {}),
          message: warning.message.slice(0, 300),
          ...(warning.stack ? { stack: warning.stack.split("\n").slice(1, 6).join("\n") } : {}),
        },
      },
      "node warning",
    );
  };
  proc.on("warning", log);
  return () => {
    proc.removeListener("warning", log);
    for (const printer of printers) proc.on("warning", printer);
  };
}
