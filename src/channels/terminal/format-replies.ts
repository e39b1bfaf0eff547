/** Replies as plain text with numbered options: the staff chat's (and any text channel's) rendering. */
import type { Reply } from "../../i18n/render.ts";

export function formatReplies(replies: readonly Reply[]): string {
  return replies
    .map((reply) => (reply.options?.length ? [reply.text, ...reply.options.map((o, i) => `  ${i + 1}. ${o.label}`)].join("\n") : reply.text))
    .join("\n\n");
}
