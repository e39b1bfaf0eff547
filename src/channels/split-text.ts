/**
 * Splits a text that is too long for one platform message into several, at the last paragraph
 * break, else line break, else space before the limit, so a long list of contacts never gets cut
 * in the middle of a phone number. Limits are counted in characters (code points), as WhatsApp does.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError("max must be positive");
  const chunks: string[] = [];
  let rest = [...text];
  while (rest.length > max) {
    const window = rest.slice(0, max + 1).join("");
    const cut = breakPoint(window, max);
    chunks.push(rest.slice(0, cut).join("").trimEnd());
    rest = [...rest.slice(cut).join("").trimStart()];
  }
  const last = rest.join("");
  if (last || !chunks.length) chunks.push(last);
  return chunks.filter((chunk, i) => chunk !== "" || i === 0);
}

/** Index (in code points) where to cut: after a separator, but never in the first half. */
function breakPoint(window: string, max: number): number {
  const chars = [...window];
  for (const separator of ["\n\n", "\n", " "]) {
    for (let i = max; i > max / 2; i--) {
      if (chars.slice(i - separator.length, i).join("") === separator) return i;
    }
  }
  return max;
}
