/**
 * A text reviewed against one English becomes stale when the English changes: in every locale
 * that reviewed it, in the review figures and in `flows check`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, expect, it } from "vitest";
import { runFlowsCommand } from "../cli/flows.ts";
import { exportTranslations } from "./export-translations.ts";
import { importTranslations } from "./import-translations.ts";
import { translationReview } from "./review-report.ts";
import { copyContent, shippedDir } from "../../test/support/translations/content-copy.ts";

const content = copyContent(shippedDir);
afterAll(() => content.remove());

it("marks a changed English text stale where it was reviewed, and flows check says so", async () => {
  const english = JSON.parse(content.read("en/feedback.json")) as Record<string, string>;
  for (const lang of ["th", "nl"]) {
    const own = JSON.parse(content.read(`${lang}/feedback.json`)) as Record<string, string>;
    const csv = stringify([
      ["key", "language", "english", "translation", "state"],
      ["feedback:question", lang, english.question!, own.question!, "reviewed"],
    ]);
    const result = await importTranslations(content.paths, {
      fileName: `${lang}.csv`,
      data: Buffer.from(csv),
      by: "reviewer",
      today: new Date("2026-12-01"),
    });
    expect(result).toMatchObject({ ok: true, changedTexts: [], changedStates: ["feedback:question"] });
  }
  const reviewed = translationReview(content.paths);
  expect(reviewed.find((r) => r.locale === "th")).toMatchObject({ reviewed: 1, stale: 0 });

  writeFileSync(
    join(content.paths.localesDir, "en", "feedback.json"),
    `${JSON.stringify({ ...english, question: "Did this help you?" }, null, 2)}\n`,
  );

  const after = translationReview(content.paths);
  for (const lang of ["th", "nl"]) {
    expect(after.find((r) => r.locale === lang)).toMatchObject({
      reviewed: 0,
      stale: 1,
      staleKeys: ["feedback:question"],
      safety: { stale: 0 },
    });
  }
  const stale = await exportTranslations(content.paths, { lang: "th", format: "csv", only: "stale" });
  expect(stale.ok && stale.count).toBe(1);

  const lines: string[] = [];
  runFlowsCommand(["check", content.dir], (line) => lines.push(line));
  for (const lang of ["th", "nl"]) {
    expect(
      lines.find(
        (l) =>
          l.includes(`${lang}/review.yaml:`) &&
          l.includes(
            ": warning: 1 text(s) in " +
              lang +
              " changed in English since they were translated: feedback:question",
          ),
      ),
    ).toBeDefined();
    expect(
      lines.find((l) => l.startsWith(`  ${lang.padEnd(6)} translated 100%  reviewed   0%  stale   1`)),
    ).toBeDefined();
  }
});

it("counts safety-critical texts apart", () => {
  const th = translationReview(content.paths).find((r) => r.locale === "th")!;
  expect(th.safety.total).toBeGreaterThan(40);
  expect(th.safety.total).toBeLessThan(th.total);
  expect(th.safety.reviewed).toBe(0);
});
