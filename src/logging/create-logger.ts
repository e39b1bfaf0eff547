/**
 * The pino logger factory. Logs are structured and never carry a chat id, phone number, user
 * name or message text: code logs only counts, names and reasons, and these redaction paths
 * are the safety net for a field that slips through (for example a platform error's payload).
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
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
    serializers: { err: serializeError },
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

/**
 * Errors keep their name, message, Bot API method and code only. grammY's GrammyError carries the
 * request payload (chat id, text): exactly what must never reach a log.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    // An error already summarised as { name, message } keeps its words instead of "[object Object]".
    const summary = error as { name?: unknown; message?: unknown } | null;
    if (typeof summary?.message === "string")
      return { type: String(summary.name ?? "Error"), message: summary.message.slice(0, 200) };
    return { type: typeof error, message: String(error).slice(0, 200) };
  }
  const out: Record<string, unknown> = { type: error.name, message: error.message.slice(0, 300) };
  const extra = error as Error & { error_code?: unknown; method?: unknown; code?: unknown };
  if (typeof extra.method === "string") out.method = extra.method;
  if (typeof extra.error_code === "number") out.error_code = extra.error_code;
  if (typeof extra.code === "string" || typeof extra.code === "number") out.code = extra.code;
  if (error.stack) out.stack = error.stack.split("\n").slice(0, 8).join("\n");
  return out;
}
