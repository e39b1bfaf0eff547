/**
 * The pino logger factory. Logs are structured and never carry a chat id, phone number, user
 * name or message text: code logs only counts, names and reasons, and `redactFields` is the
 * safety net for a field that slips through (for example a platform error's payload).
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { redactError } from "./redact-error.ts";
import { redactFields } from "./redact-fields.ts";
import { PinoPretty } from "pino-pretty";

export interface LoggerSettings {
  level?: LoggerOptions["level"];
  /** Where lines go; default stdout. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /**
   * Human-readable lines (pino-pretty) instead of JSON: for a person at a terminal. Formatted in
   * this process, synchronously, so a last line before exit is never lost; services writing to a
   * pipe or a log collector keep plain JSON and pay nothing.
   */
  pretty?: boolean;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? "info",
    base: { service: "guardline" },
    formatters: { log: redactFields },
    serializers: { err: redactError },
  };
  const destination =
    settings.destination ??
    (settings.pretty
      ? PinoPretty({
          sync: true,
          colorize: true,
          translateTime: "SYS:HH:MM:ss",
          ignore: "pid,hostname,service",
        })
      : undefined);
  return destination ? pino(options, destination) : pino(options);
}
