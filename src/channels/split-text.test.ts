import { describe, expect, it } from "vitest";
import { splitText } from "./split-text.ts";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("Call 112", 10)).toEqual(["Call 112"]);
    expect(splitText("")).toEqual([""]);
  });

  it("cuts at a paragraph break, then a line break, then a space, never past the limit", () => {
    expect(splitText("aaaa bbbb\n\ncccc", 12)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("aaaaaaa\nbb cc dd", 12)).toEqual(["aaaaaaa", "bb cc dd"]);
    expect(splitText("aaaa bbbb cccc", 9)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("aaaa bbbb cccc", 8)).toEqual(["aaaa", "bbbb", "cccc"]);
  });

  it("cuts hard where there is no break, without splitting an emoji", () => {
    const text = "🙂".repeat(25);
    const parts = splitText(text, 9);
    expect(parts.join("")).toBe(text);
    expect(parts.every((p) => p.length <= 9 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });

  it("splits a 10,000-character referral list into messages of at most 4096", () => {
    const text = Array.from({ length: 400 }, (_, i) => `Line ${i}: call 0800-${i}`).join("\n");
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("\n")).toBe(text);
  });
});
