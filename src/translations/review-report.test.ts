import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { reviewSummary } from "./review-report.ts";
import { copyContent, miniDir } from "./testing/content-copy.ts";

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
