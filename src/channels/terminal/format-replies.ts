/** Replies as plain text with numbered options: the staff chat's rendering (shared with WhatsApp Web). */
export { formatReplies } from "../numbered-text.ts";
