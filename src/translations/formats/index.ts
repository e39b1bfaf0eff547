/**
 * The file formats, by name and by file extension: one map, like the channels. Each format's
 * library (ExcelJS, gettext-parser, xliff, csv) is loaded when a file of that format is first
 * written or read, not when the service starts: the server imports this workflow for its console
 * page, and ExcelJS alone costs a noticeable part of a start and of idle memory.
 */
import type { TranslationFormat } from "./rows.ts";

export const formats = {
  xliff: async () => (await import("./xliff.ts")).xliffFormat,
  po: async () => (await import("./po.ts")).poFormat,
  xlsx: async () => (await import("./xlsx.ts")).xlsxFormat,
  csv: async () => (await import("./csv.ts")).csvFormat,
} satisfies Record<string, () => Promise<TranslationFormat>>;
export type FormatName = keyof typeof formats;
export const formatNames = Object.keys(formats) as FormatName[];

export const extensions: Record<FormatName, string> = { xliff: "xlf", po: "po", xlsx: "xlsx", csv: "csv" };

/** The format a file name says (`th.xlf`, `th.xliff`, `th.po`, ...), or undefined. */
export function formatOfFile(name: string): FormatName | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xliff" || ext === "xlf") return "xliff";
  return formatNames.find((f) => extensions[f] === ext);
}
