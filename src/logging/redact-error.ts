/**
 * The one error redaction for logs: name, a shortened message with anything that looks like a
 * phone number or a WhatsApp chat id blanked out (platform client errors often echo the
 * recipient), and the platform's method and code. grammY's GrammyError carries the request
 * payload (chat id, text): exactly what must never reach a log, so it is never copied.
 * The project logger applies it to every `err` field; code that logs through another logger
 * (tests read raw pino output) calls it itself.
 */
export interface RedactedError {
  type: string;
  message: string;
  method?: string;
  error_code?: number;
  code?: string | number;
  stack?: string;
}

export function redactError(error: unknown): RedactedError {
  if (isRedacted(error)) return error;
  if (!(error instanceof Error)) {
    // An error already summarised as { name, message } keeps its words instead of "[object Object]".
    const summary = error as { name?: unknown; message?: unknown } | null;
    if (typeof summary?.message === "string")
      return { type: String(summary.name ?? "Error"), message: blank(summary.message).slice(0, 200) };
    return { type: typeof error, message: blank(String(error)).slice(0, 200) };
  }
  const out: RedactedError = { type: error.name, message: blank(error.message).slice(0, 300) };
  const extra = error as Error & { error_code?: unknown; method?: unknown; code?: unknown };
  if (typeof extra.method === "string") out.method = extra.method;
  if (typeof extra.error_code === "number") out.error_code = extra.error_code;
  if (typeof extra.code === "string" || typeof extra.code === "number") out.code = extra.code;
  if (error.stack) out.stack = blank(error.stack.split("\n").slice(0, 8).join("\n"));
  return out;
}

function blank(text: string): string {
  return text
    .replace(/[\w.+-]+@(c\.us|lid|g\.us|s\.whatsapp\.net|newsletter|broadcast)/g, "<chat>")
    .replace(/\+?\d[\d\s-]{5,}\d/g, "<number>");
}

function isRedacted(value: unknown): value is RedactedError {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Error) &&
    typeof (value as { type?: unknown }).type === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}
