/**
 * One row per text, the same in every format: what a translator needs to see (English,
 * translation, state, where the text shows and its limit) and what import needs back.
 */
import type { CatalogEntry } from "../catalog.ts";

export interface ExportRow {
  key: string;
  language: string;
  english: string;
  translation: string;
  state: string;
  reviewed_by: string;
  shows_as: string;
  limit: string;
  placeholders: string;
  used_in: string;
  safety_critical: string;
}

/** Column order of the spreadsheet formats; import finds columns by these names, not by position. */
export const columns = [
  "key",
  "language",
  "english",
  "translation",
  "state",
  "reviewed_by",
  "shows_as",
  "limit",
  "placeholders",
  "used_in",
  "safety_critical",
] as const satisfies readonly (keyof ExportRow)[];

/** What a file says about one text; `line` is the row (spreadsheets) or line (PO, XLIFF) it starts at. */
export interface ImportedRow {
  line: number;
  key: string;
  language?: string;
  english?: string;
  translation: string;
  state?: string;
  reviewedBy?: string;
}

export interface ParsedFile {
  /** Language the file as a whole declares (PO header, XLIFF trgLang); spreadsheets say it per row. */
  language?: string;
  languageLine: number;
  rows: ImportedRow[];
}

/** A file that cannot be read as its format at all; `line` where the reader gave up. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
    this.name = "UnreadableFileError";
  }
}

export interface TranslationFormat {
  write(rows: readonly ExportRow[], meta: { language: string; base: string }): Promise<Buffer>;
  read(data: Buffer): Promise<ParsedFile>;
}

export function toExportRow(entry: CatalogEntry, language: string): ExportRow {
  return {
    key: entry.key,
    language,
    english: entry.english,
    translation: entry.translation ?? "",
    state: entry.state,
    reviewed_by: [entry.reviewedBy, entry.reviewedOn].filter(Boolean).join(", "),
    shows_as: entry.context.shows.join(", "),
    limit: entry.context.limit ? `${entry.context.limit.chars} characters (${entry.context.limit.why})` : "",
    placeholders: entry.placeholders.map((p) => `{{${p}}}`).join(" "),
    used_in: entry.context.usedIn.join(", "),
    safety_critical: entry.safetyCritical ? "yes" : "",
  };
}

/** Reads a spreadsheet row (header name -> cell) back; absent optional cells stay undefined. */
export function fromCells(cells: Record<string, string | undefined>, line: number): ImportedRow {
  return {
    line,
    key: (cells.key ?? "").trim(),
    translation: cells.translation ?? "",
    ...(cells.language !== undefined ? { language: cells.language.trim() } : {}),
    ...(cells.english !== undefined ? { english: cells.english } : {}),
    ...(cells.state !== undefined ? { state: cells.state.trim() } : {}),
    ...(cells.reviewed_by !== undefined ? { reviewedBy: cells.reviewed_by.trim() } : {}),
  };
}
