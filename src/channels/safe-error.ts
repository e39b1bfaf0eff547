/**
 * An error as channels may log it: name and a shortened message (as `summary`: the logger
 * redacts any field called `message`) with anything that looks like a
 * phone number or chat id blanked out, because platform client errors often echo the recipient.
 */
export function safeError(error: unknown): { name: string; summary: string } {
  const name = error instanceof Error ? error.name : "Error";
  const raw = error instanceof Error ? error.message : String(error);
  const summary = raw
    .replace(/[\w.+-]+@(c\.us|lid|g\.us|s\.whatsapp\.net|newsletter|broadcast)/g, "<chat>")
    .replace(/\+?\d[\d\s-]{5,}\d/g, "<number>")
    .slice(0, 200);
  return { name, summary };
}
