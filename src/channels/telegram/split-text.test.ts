import { describe, expect, it } from "vitest";
import { splitText } from "./split-text.ts";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("hello")).toEqual(["hello"]);
    expect(splitText("")).toEqual([""]);
  });

  it("splits at a paragraph break, and every part fits", () => {
    const text = `${"a".repeat(3000)}\n\n${"b".repeat(3000)}\n\n${"c".repeat(3000)}`;
    const parts = splitText(text);
    expect(parts).toEqual(["a".repeat(3000), "b".repeat(3000), "c".repeat(3000)]);
  });

  it("falls back to a space, then cuts hard without breaking an emoji", () => {
    expect(splitText("aaaa bbbb cccc", 9)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("aaaa bbbb cccc", 8)).toEqual(["aaaa", "bbbb", "cccc"]);
    const emoji = `${"x".repeat(7)}😀yy`;
    const parts = splitText(emoji, 8);
    expect(parts.join("")).toBe(emoji);
    expect(parts.every((p) => p.length <= 8 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });

  it("splits a 10,000-character referral list into parts of at most 4096", () => {
    const text = Array.from({ length: 400 }, (_, i) => `Line ${i}: call 0800-${i}`).join("\n");
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("\n")).toBe(text);
  });
});
