/** CSV with a header row, UTF-8 with a byte-order mark so spreadsheet programs read Thai or Lao right. */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { columns, fromCells, UnreadableFileError, type ParsedFile, type TranslationFormat } from "./rows.ts";

export const csvFormat: TranslationFormat = {
  async write(rows) {
    return Buffer.from(
      stringify(rows as unknown as Record<string, string>[], {
        header: true,
        columns: [...columns],
        bom: true,
        record_delimiter: "unix",
      }),
    );
  },
  async read(data) {
    let records: string[][];
    try {
      records = parse(data, { bom: true, relax_column_count: true }) as string[][];
    } catch (error) {
      const lines = (error as { lines?: number }).lines;
      throw new UnreadableFileError(`is not a readable CSV file: ${(error as Error).message}`, lines ?? 1);
    }
    const [header = [], ...body] = records;
    const names = header.map((h) => h.trim());
    if (!names.includes("key") || !names.includes("translation"))
      throw new UnreadableFileError(
        "has no header row with the columns `key` and `translation` (export a file to see the layout)",
      );
    const rows = body.map((record, i) =>
      fromCells(Object.fromEntries(names.map((n, j) => [n, record[j]])), i + 2),
    );
    return { languageLine: 1, rows: rows.filter((r) => r.key || r.translation) } satisfies ParsedFile;
  },
};
