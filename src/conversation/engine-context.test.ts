import { describe, expect, it } from "vitest";
import { matchLanguage } from "./engine-context.ts";

const languages = ["en", "nl", "es", "pt-BR", "fil"];

describe("matchLanguage", () => {
  it.each([
    ["pt-br", "pt-BR"],
    ["pt", "pt-BR"],
    ["es-419", "es"],
    ["nl", "nl"],
    ["tl", "fil"],
    ["fil", "fil"],
    ["de", undefined],
    [undefined, undefined],
  ])("%s -> %s", (hint, expected) => {
    expect(matchLanguage(hint, languages)).toBe(expected);
  });
});
