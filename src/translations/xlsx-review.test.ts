/**
 * A translator's round: export Thai to a workbook, change one translation in it (as Excel
 * would, with exceljs), import it. Exactly that text changes, and it is marked reviewed.
 */
import ExcelJS from "exceljs";
import { afterAll, expect, it } from "vitest";
import { exportTranslations } from "./export-translations.ts";
import { columns } from "./formats/rows.ts";
import { importTranslations } from "./import-translations.ts";
import { changedFiles, copyContent, shippedDir } from "../../test/support/translations/content-copy.ts";

const content = copyContent(shippedDir);
afterAll(() => content.remove());

it("exports th to XLSX with the columns, and imports one edited cell as exactly that change, reviewed", async () => {
  const exported = await exportTranslations(content.paths, { lang: "th", format: "xlsx" });
  if (!exported.ok) throw new Error(exported.message);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(exported.data as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Translations")!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  expect(header).toEqual([...columns]);
  expect(header).toEqual([
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
  ]);

  const col = (name: string) => header.indexOf(name) + 1;
  let target = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(col("key")).text === "feedback:options.yes") target = n;
  });
  const row = sheet.getRow(target);
  expect(row.getCell(col("english")).text).toBe("Yes");
  expect(row.getCell(col("translation")).text).toBe("ใช่");
  expect(row.getCell(col("state")).text).toBe("draft");
  expect(row.getCell(col("shows_as")).text).toBe("button");
  expect(row.getCell(col("limit")).text).toBe("20 characters (WhatsApp button)");
  expect(row.getCell(col("used_in")).text).toBe("feedback/ask");
  row.getCell(col("translation")).value = "ใช่ค่ะ";
  const edited = Buffer.from(await workbook.xlsx.writeBuffer());

  const before = content.snapshot();
  const result = await importTranslations(content.paths, {
    fileName: "th.xlsx",
    data: edited,
    by: "Somchai",
    today: new Date("2026-12-01T10:00:00Z"),
  });
  expect(result.problems).toEqual([]);
  expect(result).toMatchObject({
    ok: true,
    changedTexts: ["feedback:options.yes"],
    changedStates: ["feedback:options.yes"],
  });
  const after = content.snapshot();
  expect(changedFiles(before, after)).toEqual(["th/feedback.json", "th/review.yaml"]);
  // The JSON file differs in that one line only.
  const lines = (map: Map<string, string>, file: string) => map.get(file)!.split("\n");
  const diff = (file: string) =>
    lines(after, file).flatMap((line, i) =>
      line === lines(before, file)[i] ? [] : [[lines(before, file)[i], line]],
    );
  expect(lines(after, "th/feedback.json")).toHaveLength(lines(before, "th/feedback.json").length);
  expect(diff("th/feedback.json")).toEqual([['    "yes": "ใช่",', '    "yes": "ใช่ค่ะ",']]);
  expect(diff("th/review.yaml")).toEqual([
    [
      "  feedback:options.yes: { state: draft, english: 85a39ab345d6 }",
      "  feedback:options.yes: { state: reviewed, english: 85a39ab345d6, by: Somchai, on: 2026-12-01 }",
    ],
  ]);

  const again = await exportTranslations(content.paths, { lang: "th", format: "csv" });
  expect(again.ok && again.data.toString()).toContain(
    'feedback:options.yes,th,Yes,ใช่ค่ะ,reviewed,"Somchai, 2026-12-01",button',
  );
});
