/**
 * Excel workbook (exceljs): one sheet `Translations` with a frozen header row and a list to pick
 * the state from, and a sheet `How to` that explains the columns. Import reads the sheet
 * `Translations` (or the first one) by header names, so moving or hiding columns is fine.
 */
import ExcelJS from "exceljs";
import { columns, fromCells, UnreadableFileError, type TranslationFormat } from "./rows.ts";

export const sheetName = "Translations";

const widths: Partial<Record<(typeof columns)[number], number>> = {
  key: 34,
  english: 60,
  translation: 60,
  shows_as: 14,
  limit: 30,
  used_in: 30,
};

const howTo = [
  "Write your translation in the column `translation`. Leave the other columns as they are.",
  "An empty translation cell changes nothing: it never deletes a translation.",
  "Keep every {{placeholder}} of the English, spelt exactly the same.",
  "`limit`: the longest text that fits where it shows (a WhatsApp button shows 20 characters).",
  "`state`: draft, machine or reviewed. Editing a translation marks it reviewed; you may also set it yourself.",
  "`stale`: the English changed after this text was translated; check it and set `reviewed` when it is right.",
  "`safety_critical`: a parent may need this text to reach help. Translate it with special care.",
  "Keyword lists: the words people may type, separated by commas.",
];

export const xlsxFormat: TranslationFormat = {
  async write(rows) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c, key: c, width: widths[c] ?? 12 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    for (const name of ["english", "translation"] as const)
      sheet.getColumn(name).alignment = { wrapText: true, vertical: "top" };
    const stateColumn = sheet.getColumn("state").number;
    for (let r = 2; r <= rows.length + 1; r++) {
      sheet.getCell(r, stateColumn).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: ['"draft,machine,reviewed,stale,missing"'],
      };
    }
    const help = workbook.addWorksheet("How to");
    help.getColumn(1).width = 110;
    for (const line of howTo) help.addRow([line]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  },
  async read(data) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(data as unknown as ArrayBuffer);
    } catch (error) {
      throw new UnreadableFileError(`is not a readable Excel (.xlsx) file: ${(error as Error).message}`);
    }
    const sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];
    if (!sheet) throw new UnreadableFileError("has no sheet");
    const names = new Map<number, string>();
    sheet.getRow(1).eachCell((cell, col) => names.set(col, cell.text.trim()));
    if (![...names.values()].includes("key") || ![...names.values()].includes("translation")) {
      throw new UnreadableFileError(
        `sheet \`${sheet.name}\` has no header row with the columns \`key\` and \`translation\``,
      );
    }
    const rows = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Record<string, string> = {};
      for (const [col, name] of names) cells[name] = row.getCell(col).text;
      if (cells.key?.trim() || cells.translation) rows.push(fromCells(cells, r));
    }
    return { languageLine: 1, rows };
  },
};
