/**
 * The pino logger factory. Logs are structured and never carry a chat id, phone number, user
 * name or message text: code logs only counts, names and reasons, and these redaction paths
 * are the safety net for a field that slips through (for example a platform error's payload).
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { redactError } from "./redact-error.ts";
import { PinoPretty } from "pino-pretty";

/** Field names that may hold something identifying; their values are replaced wherever they appear near the top. */
const sensitiveFields = [
  "chatId",
  "chat_id",
  "chat",
  "from",
  "user",
  "username",
  "first_name",
  "last_name",
  "phone",
  "phone_number",
  "text",
  "caption",
  "payload",
  "update",
  "callback_query",
  "data",
  "key",
  "sessionKey",
];

/**
 * `message` is redacted at the top level only: nested, it is an error's message (serialised by
 * serializeError, which keeps it short), while a Telegram message's contents are caught by the
 * field names above one level down (`*.*.text`, `*.*.chat`).
 */
export const redactPaths = [
  "message",
  ...sensitiveFields,
  ...sensitiveFields.map((f) => `*.${f}`),
  ...sensitiveFields.map((f) => `*.*.${f}`),
];

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
    redact: { paths: redactPaths, censor: "[redacted]" },
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
