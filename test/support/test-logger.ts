/**
 * A pino logger that keeps its output in memory, for tests that assert what was (not) logged.
 */
import pino, { type Logger } from "pino";

export function captureLogger(): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, text: () => lines.join("") };
}
