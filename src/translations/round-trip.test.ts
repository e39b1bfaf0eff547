/** Exporting a language and importing the untouched file changes no byte of locales/, in every format. */
import { afterAll, describe, expect, it } from "vitest";
import { exportTranslations } from "./export-translations.ts";
import { formatNames, extensions } from "./formats/index.ts";
import { importTranslations } from "./import-translations.ts";
import { changedFiles, copyContent, shippedDir } from "../../test/support/translations/content-copy.ts";

const content = copyContent(shippedDir);
afterAll(() => content.remove());
const today = new Date("2026-12-01T12:00:00Z");

describe("round trip of an unchanged export", () => {
  // th keeps keyword lists one per line, nl on one line: both layouts must survive.
  for (const lang of ["th", "nl"]) {
    it.each(formatNames)(`${lang} as %s changes nothing`, async (format) => {
      const before = content.snapshot();
      const exported = await exportTranslations(content.paths, { lang, format });
      if (!exported.ok) throw new Error(exported.message);
      expect(exported.count).toBeGreaterThan(200);
      const result = await importTranslations(content.paths, {
        fileName: `${lang}.${extensions[format]}`,
        data: exported.data,
        today,
      });
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({
        ok: true,
        language: lang,
        changedTexts: [],
        changedStates: [],
        written: [],
      });
      expect(changedFiles(before, content.snapshot())).toEqual([]);
    });
  }

  it("exports only the stale or missing texts when asked", async () => {
    const stale = await exportTranslations(content.paths, { lang: "th", format: "csv", only: "stale" });
    const missing = await exportTranslations(content.paths, { lang: "th", format: "csv", only: "missing" });
    expect(stale.ok && stale.count).toBe(0);
    expect(missing.ok && missing.count).toBe(0);
  });

  it("refuses the base language and unknown ones with a sentence", async () => {
    expect(await exportTranslations(content.paths, { lang: "en", format: "po" })).toEqual({
      ok: false,
      message: expect.stringContaining("base language"),
    });
    expect(await exportTranslations(content.paths, { lang: "xx", format: "po" })).toEqual({
      ok: false,
      message: expect.stringContaining('no locale "xx"; available: nl, es'),
    });
  });
});
