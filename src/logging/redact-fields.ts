/**
 * The safety net of every log line: fields whose name says they may hold something identifying
 * (a chat, a user, a phone number, a message's text, a platform payload, a session key) are
 * replaced by "[redacted]" at any depth of what is logged, before the line is written.
 *
 * Why not pino's `redact` option, which does this by paths: it needs a path per depth and field
 * (`text`, `*.text`, `*.*.text`: 55 paths here), and checking them cost about 30 µs and a copy of
 * the object per line, the largest allocator of a whole turn. Walking the keys a line actually
 * has costs under a microsecond, reaches every depth, and copies only the objects it changes.
 */

/** Field names that may hold something identifying; their values are replaced at any depth. */
export const sensitiveFields: ReadonlySet<string> = new Set([
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
]);

export const censor = "[redacted]";

/** Deeper than any object Guardline logs; a cycle stops here too. */
const maxDepth = 8;

/**
 * pino's `formatters.log`: the line's fields with sensitive ones replaced. `message` is replaced
 * at the top level only: nested, it is an error's message (serialised by redactError, which
 * keeps it short), while a Telegram message's contents are caught by the field names inside it.
 * `err` is left to its serializer (redactError), which keeps only what is safe.
 */
export function redactFields(line: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(line)) {
    const value = line[key];
    const safe =
      key === "message" || sensitiveFields.has(key) ? censor : key === "err" ? value : scrub(value, 1);
    if (safe !== value) (out ??= { ...line })[key] = safe;
  }
  return out ?? line;
}

function scrub(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > maxDepth) return censor;
  if (ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const safe = scrub(item, depth + 1);
      if (safe !== item) (out ??= [...value])[i] = safe;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const safe = sensitiveFields.has(key) ? censor : scrub(item, depth + 1);
    if (safe !== item) (out ??= { ...record })[key] = safe;
  }
  return out ?? value;
}
