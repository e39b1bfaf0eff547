/**
 * How an exported translation file is offered to the browser: a file name that says what is in
 * it (`guardline-th-stale.xlsx`) and the media type its format is registered under, so the
 * translator's own tool opens it.
 */
import { extensions, type ExportSelection, type FormatName } from "../../translations/index.ts";

/** IANA media types (XLIFF: RFC 3023 style `+xml`, registered by OASIS; PO: the gettext type). */
export const mediaTypes: Record<FormatName, string> = {
  xliff: "application/xliff+xml; charset=utf-8",
  po: "text/x-gettext-translation; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** `guardline-th.xlsx` for every text, `guardline-th-stale.xlsx` for a selection. */
export function downloadName(lang: string, only: ExportSelection, format: FormatName): string {
  return `guardline-${lang}${only === "all" ? "" : `-${only}`}.${extensions[format]}`;
}

/** The headers of a download. Locale codes are letters and hyphens; anything else is replaced. */
export function downloadHeaders(lang: string, only: ExportSelection, format: FormatName) {
  const name = downloadName(lang.replace(/[^A-Za-z0-9-]/g, "_"), only, format);
  return { "Content-Type": mediaTypes[format], "Content-Disposition": `attachment; filename="${name}"` };
}
