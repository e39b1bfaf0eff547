/**
 * Replies as plain text with numbered options: the rendering of every channel that cannot show
 * buttons (the staff chat, WhatsApp Web) and the fallback of those that can. The engine already
 * understands a typed number or option label, so a numbered list needs no parsing here.
 */
import type { Reply } from "../i18n/render.ts";

export interface NumberedTextOptions {
  /** Put before each numbered line; the staff chat indents, phones do not. */
  indent?: string;
}

/** One reply as one text: the question, then `1. Label` lines. */
export function numberedText(reply: Reply, options: NumberedTextOptions = {}): string {
  if (!reply.options?.length) return reply.text;
  const indent = options.indent ?? "";
  return [reply.text, ...reply.options.map((o, i) => `${indent}${i + 1}. ${o.label}`)].join("\n");
}

/** Several replies as one block of text, separated by blank lines. */
export function formatReplies(
  replies: readonly Reply[],
  options: NumberedTextOptions = { indent: "  " },
): string {
  return replies.map((reply) => numberedText(reply, options)).join("\n\n");
}
