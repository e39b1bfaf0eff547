/**
 * Every problem import finds, each with a fixture file (test/fixtures/translations/import/) and the exact
 * `file:row` or `file:line` it must report. Nothing is written when any row is wrong.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { formatImportProblem, importTranslations } from "./import-translations.ts";
import { changedFiles, copyContent, miniDir } from "../../test/support/translations/content-copy.ts";

const fixtures = new URL("../../test/fixtures/translations/import/", import.meta.url).pathname;
const content = copyContent(miniDir);
afterAll(() => content.remove());

const cases: [fixture: string, expected: string, options?: { lang?: string }][] = [
  ["unknown-key.csv", "unknown-key.csv:3: error: `menu:tipz` is not a text of the English"],
  [
    "placeholder-missing.csv",
    "placeholder-missing.csv:4: error: the translation of `common:referrals.title` leaves out {{country}}",
  ],
  [
    "placeholder-extra.csv",
    "placeholder-extra.csv:2: error: the translation of `menu:prompt` has {{naam}}, which the English does not",
  ],
  [
    "button-too-long.csv",
    "button-too-long.csv:2: error: the translation of `common:yes` has 25 characters; a WhatsApp button shows at most 20",
  ],
  [
    "empty-cell.csv",
    "empty-cell.csv:3: warning: the translation of `menu:tips` is empty; the existing translation is kept (an empty cell never erases)",
  ],
  ["wrong-language-row.csv", 'wrong-language-row.csv:3: error: says language "es", but the file is in nl'],
  ["wrong-language-row.csv", "wrong-language-row.csv:2: error: is in nl, not th as asked", { lang: "th" }],
  ["base-language.po", "base-language.po:3: error: is in en, the base language"],
  [
    "older-english.csv",
    'older-english.csv:3: error: `menu:get_help` was exported from an older English; the English now reads "Get help now"',
  ],
  [
    "unknown-state.csv",
    'unknown-state.csv:2: error: state "done" of `menu:tips` is not one of draft, machine, reviewed',
  ],
  ["duplicate-key.csv", "duplicate-key.csv:4: error: `menu:bye` appears a second time (first at 3)"],
  [
    "placeholder.po",
    "placeholder.po:15: error: the translation of `common:referrals.phone` leaves out {{phone}} and has {{telefoon}}",
  ],
  ["unknown-key.xlf", "unknown-key.xlf:10: error: `menu:byebye` is not a text of the English"],
  // The misspelt </targt> on line 7 is noticed at the next close tag, line 8.
  ["not-xml.xlf", "not-xml.xlf:8: error: is not a readable XLIFF file: Unexpected close tag"],
];

describe("import problems", () => {
  it.each(cases)("%s reports %s", async (fixture, expected, options = {}) => {
    const before = content.snapshot();
    const result = await importTranslations(content.paths, {
      fileName: fixture,
      data: readFileSync(fixtures + fixture),
      today: new Date("2026-12-01"),
      ...options,
    });
    const lines = result.problems.map(formatImportProblem);
    expect(
      lines.find((l) => l.startsWith(expected)),
      lines.join("\n"),
    ).toBeDefined();
    if (expected.includes(": error: ")) expect(result.ok).toBe(false);
    // Problems or not, these fixtures change nothing that is there (an empty cell keeps the text).
    expect(changedFiles(before, content.snapshot()).filter((f) => f !== "nl/review.yaml")).toEqual([]);
  });

  it("writes nothing when one row of several is wrong", async () => {
    const before = content.snapshot();
    const result = await importTranslations(content.paths, {
      fileName: "one-bad-row.csv",
      data: readFileSync(fixtures + "one-bad-row.csv"),
      today: new Date("2026-12-01"),
    });
    expect(result.problems.map(formatImportProblem)).toEqual([
      "one-bad-row.csv:3: error: the translation of `menu:prompt` has {{x}}, which the English does not; keep the placeholders of the English exactly",
    ]);
    expect(result.written).toEqual([]);
    expect(changedFiles(before, content.snapshot())).toEqual([]);
  });

  it("refuses a file whose extension it does not know", async () => {
    const result = await importTranslations(content.paths, {
      fileName: "nl.txt",
      data: Buffer.from("x"),
      today: new Date(),
    });
    expect(result.problems.map(formatImportProblem)).toEqual([
      "nl.txt:1: error: has an extension Guardline does not read; use one of .xlf, .po, .xlsx, .csv",
    ]);
  });
});
