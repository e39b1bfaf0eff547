/** 1-based line of the first occurrence of `needle` in `text` (1 when absent), for file:line reports. */
export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}
