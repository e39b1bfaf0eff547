/**
 * Telegram refuses texts over 4096 characters. Long replies (a country's full referral list)
 * are split at a paragraph break, else a line break, else a space, never inside a character.
 */
export const telegramTextLimit = 4096;

export function splitText(text: string, limit = telegramTextLimit): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length || !parts.length) parts.push(rest);
  return parts;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at > 0 && at >= limit / 2) return at;
  }
  // No break in the second half: cut hard, but not between the two halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
