/** The file formats, by name and by file extension: one map, like the channels. */
import { csvFormat } from "./csv.ts";
import { poFormat } from "./po.ts";
import type { TranslationFormat } from "./rows.ts";
import { xliffFormat } from "./xliff.ts";
import { xlsxFormat } from "./xlsx.ts";

export const formats = {
  xliff: xliffFormat,
  po: poFormat,
  xlsx: xlsxFormat,
  csv: csvFormat,
} satisfies Record<string, TranslationFormat>;
export type FormatName = keyof typeof formats;
export const formatNames = Object.keys(formats) as FormatName[];

export const extensions: Record<FormatName, string> = { xliff: "xlf", po: "po", xlsx: "xlsx", csv: "csv" };

/** The format a file name says (`th.xlf`, `th.xliff`, `th.po`, ...), or undefined. */
export function formatOfFile(name: string): FormatName | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xliff" || ext === "xlf") return "xliff";
  return formatNames.find((f) => extensions[f] === ext);
}
