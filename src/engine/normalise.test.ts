import { describe, expect, it } from "vitest";
import { containsWord, normalise } from "./normalise.ts";

describe("normalise", () => {
  it("ignores case, Latin accents, punctuation and extra spaces", () => {
    expect(normalise("  Emergência!!  ¿Ayúdame? ")).toBe("emergencia ayudame");
  });

  it("keeps the vowel signs of Thai, Devanagari and Bengali, which change the word", () => {
    expect(normalise("ช่วยด้วย")).toBe("ช่วยด้วย".normalize("NFC"));
    expect(normalise("मदद")).not.toBe(normalise("मद"));
  });

  it("drops zero-width joiners that phone keyboards insert", () => {
    expect(normalise("বি\u200Cপদ")).toBe(normalise("বিপদ"));
  });

  it("treats decomposed and composed Bengali letters alike", () => {
    expect(normalise("\u09AF\u09BC")).toBe(normalise("\u09DF"));
  });
});

describe("normalise: digits and wide letters", () => {
  it.each([
    ["๒", "2"],
    ["໓", "3"],
    ["২", "2"],
    ["१०", "10"],
    ["１", "1"],
    ["ＨＥＬＰ", "help"],
    ["🆘", "sos"],
    ["𝟕", "7"],
  ])("%s -> %s", (raw, expected) => {
    expect(normalise(raw)).toBe(expected);
  });
});

describe("containsWord", () => {
  it("finds Latin words only as whole words", () => {
    expect(containsWord("my son is in danger now", "danger")).toBe(true);
    expect(containsWord("he was disabused", "abused")).toBe(false);
    expect(containsWord("forget me please", "forget me")).toBe(true);
  });

  it("finds words of scripts without spaces anywhere in the text", () => {
    expect(containsWord(normalise("ลูกฉันอยู่ในอันตรายมาก"), normalise("อันตราย"))).toBe(true);
  });
});
