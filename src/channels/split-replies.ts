/**
 * Replies cut to what one platform message holds, before a channel renders them: a long text
 * becomes several replies, and the options stay with the last part, which keeps room for them
 * when the channel writes them into the text as numbered lines.
 */
import type { Reply } from "../i18n/render.ts";
import { numberedText } from "./numbered-text.ts";
import { splitText } from "./split-text.ts";

export interface ReplyLimits {
  /** Longest text one message may hold (UTF-16 units, see split-text). */
  messageChars: number;
  /** The channel writes options into the text as `1. Label` lines (no buttons). */
  numberedOptions?: boolean;
}

export function splitReplies(replies: readonly Reply[], limits: ReplyLimits): Reply[] {
  return replies.flatMap((reply) => splitReply(reply, limits));
}

function splitReply(reply: Reply, limits: ReplyLimits): Reply[] {
  const room = limits.numberedOptions ? numberedText(reply).length - reply.text.length : 0;
  if (reply.text.length + room <= limits.messageChars) return [reply];
  const parts = splitText(reply.text, limits.messageChars);
  const last = parts.at(-1)!;
  // The last part must still fit once the options are written under it.
  const tail =
    last.length + room > limits.messageChars ? splitText(last, limits.messageChars - room) : [last];
  const texts = [...parts.slice(0, -1), ...tail];
  return texts.map((text, i) => (i === texts.length - 1 ? { ...reply, text } : { text }));
}
