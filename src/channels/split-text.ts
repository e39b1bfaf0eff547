/**
 * Splits a text too long for one platform message (Telegram and WhatsApp: 4096) into several, at
 * the last paragraph break, else line break, else space before the limit, so a long list of
 * contacts never gets cut inside a phone number.
 *
 * Length is measured in UTF-16 units, as Telegram counts; that is never less than the characters
 * WhatsApp counts, so one measure is safe for both. A hard cut never splits an emoji in two.
 */
export const messageTextLimit = 4096;

export function splitText(text: string, limit = messageTextLimit): string[] {
  if (limit < 2) throw new RangeError("limit must be at least 2");
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

/** Where to cut: at a separator in the second half of the window, else at the limit. */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at > 0 && at >= limit / 2) return at;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
