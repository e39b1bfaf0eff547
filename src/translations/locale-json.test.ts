import { expect, it } from "vitest";
import { formatLike, setText } from "./locale-json.ts";
import { formatReviewState } from "./review-state.ts";

it("keeps a file's layout: standard JSON, or keyword lists on one line", () => {
  const standard = '{\n  "a": {\n    "b": "x"\n  },\n  "list": [\n    "one",\n    "two"\n  ]\n}\n';
  const inline = '{\n  "menu": ["menu", "home"],\n  "help": ["help"]\n}\n';
  expect(formatLike(standard, JSON.parse(standard), "x")).toBe(standard);
  expect(formatLike(inline, JSON.parse(inline), "keywords")).toBe(inline);
  expect(formatLike(inline, { menu: ["menu", "home", "start"], help: ["help"] }, "keywords")).toBe(
    '{\n  "menu": ["menu", "home", "start"],\n  "help": ["help"]\n}\n',
  );
});

it("puts a new key where the English has it, and keeps the order of the others", () => {
  const english = { intro: "", options: { yes: "", no: "" }, thanks: "" };
  expect(Object.keys(setText({ thanks: "T", intro: "I" }, english, "options.no", "N"))).toEqual([
    "intro",
    "options",
    "thanks",
  ]);
  expect(Object.keys(setText({ thanks: "T", intro: "I" }, english, "intro", "I2"))).toEqual([
    "thanks",
    "intro",
  ]);
  expect(setText({ options: { yes: "J" } }, english, "options.no", "N")).toEqual({
    options: { yes: "J", no: "N" },
  });
});

it("writes review state one text per line, keys sorted", () => {
  const text = formatReviewState(
    new Map([
      ["menu:bye", { state: "reviewed" as const, english: "abc", by: "Anna", on: "2026-12-01" }],
      ["common:yes", { state: "draft" as const, english: "def" }],
    ]),
  );
  expect(text.split("\n").slice(-4)).toEqual([
    "texts:",
    "  common:yes: { state: draft, english: def }",
    "  menu:bye: { state: reviewed, english: abc, by: Anna, on: 2026-12-01 }",
    "",
  ]);
});
