/**
 * The data behind a Telegram button or WhatsApp list row: which question and which option.
 * Carrying the question lets the engine recognise a button from an earlier message.
 * Telegram allows 64 bytes; ids are at most 32 characters each, and the checker enforces the sum.
 */
const prefix = "o";

export function callbackData(node: string, option: string): string {
  return `${prefix}:${node}:${option}`;
}

export function parseCallbackData(data: string): { node: string; option: string } | null {
  const match = /^o:([a-z][a-z0-9_]{0,31}):([a-z0-9_]{1,32})$/.exec(data);
  return match ? { node: match[1]!, option: match[2]! } : null;
}
