import { describe, expect, it } from "vitest";
import { splitText } from "./split-text.ts";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("Call 112", 10)).toEqual(["Call 112"]);
  });

  it("cuts at a paragraph break, then a line break, then a space, never past the limit", () => {
    expect(splitText("aaaa bbbb\n\ncccc", 12)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("aaaaaaa\nbb cc dd", 12)).toEqual(["aaaaaaa", "bb cc dd"]);
    expect(splitText("aaaa bbbb cccc", 10)).toEqual(["aaaa bbbb", "cccc"]);
  });

  it("cuts a word with no space at the limit, counting characters not UTF-16 units", () => {
    const chunks = splitText("🙂".repeat(25), 10);
    expect(chunks.map((c) => [...c].length)).toEqual([10, 10, 5]);
    expect(chunks.join("")).toBe("🙂".repeat(25));
  });
});
