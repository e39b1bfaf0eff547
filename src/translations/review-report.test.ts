import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { reviewSummary, staleWarnings } from "./review-report.ts";
import { copyContent, miniDir } from "../../test/support/translations/content-copy.ts";

const content = copyContent(miniDir);
afterAll(() => content.remove());

it("counts a locale without a review file as drafts, with its coverage", () => {
  const { warnings, table } = reviewSummary(content.paths);
  expect(warnings).toEqual([]);
  expect(table[2]).toMatch(
    /^ {2}nl {5}translated +\d+% {2}reviewed {3}0% {2}stale {3}0 {3}safety-critical: 0\/\d+ reviewed, 0 stale$/,
  );
});

it("says so when a review file was broken by hand, instead of guessing", () => {
  writeFileSync(
    join(content.paths.localesDir, "nl", "review.yaml"),
    "texts: { menu:bye: { state: done } }\n",
  );
  const { warnings } = reviewSummary(content.paths);
  expect(warnings).toEqual([
    {
      file: join(content.paths.localesDir, "nl", "review.yaml"),
      line: 1,
      locale: "",
      message: expect.stringContaining("cannot be read as a review file"),
    },
  ]);
});

it("names safety-critical stale texts first and marks them", () => {
  const counts = { total: 10, translated: 10, reviewed: 0 };
  const review = {
    locale: "nl",
    ...counts,
    coverage: 100,
    reviewedPercent: 0,
    stale: 2,
    staleKeys: ["menu:bye", "keywords:help"],
    safety: { ...counts, stale: 1, staleKeys: ["keywords:help"] },
  };
  const [warning] = staleWarnings(content.paths, [review]);
  expect(warning!.message).toMatch(
    /^2 text\(s\) in nl changed in English since they were translated \(1 safety-critical\): keywords:help \(safety-critical\), menu:bye\. Export them with/,
  );
});
