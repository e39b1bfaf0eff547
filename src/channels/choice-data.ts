/**
 * The data a button or list row carries back when tapped (Telegram callback data, WhatsApp reply
 * and row ids): which question and which option. Carrying the question lets the engine recognise
 * a button from an earlier message. Each channel declares how many bytes it carries (limits.ts);
 * ids are at most 32 characters each, and the content checker holds the sum to those limits.
 */
const prefix = "o";

export function choiceData(node: string, option: string): string {
  return `${prefix}:${node}:${option}`;
}

export function parseChoiceData(data: string): { node: string; option: string } | null {
  const match = /^o:([a-z][a-z0-9_]{0,31}):([a-z0-9_]{1,32})$/.exec(data);
  return match ? { node: match[1]!, option: match[2]! } : null;
}
