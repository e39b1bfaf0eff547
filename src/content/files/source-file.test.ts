import { describe, expect, it } from "vitest";
import { formatExcerpt } from "./problem.ts";
import { parseSource } from "./source-file.ts";

describe("parseSource", () => {
  it("accepts a byte-order mark at the start (Notepad, Excel) in JSON and YAML", () => {
    const json = parseSource("x.json", '\uFEFF{ "a": "b" }');
    const yaml = parseSource("x.yaml", "\uFEFFid: menu\n");
    expect(json.ok && json.source.data).toEqual({ a: "b" });
    expect(yaml.ok && yaml.source.data).toEqual({ id: "menu" });
  });

  it("keeps curly quotes inside texts: only quotes used as JSON syntax are mistakes", () => {
    const parsed = parseSource("x.json", '{ "a": "She said “stop”." }');
    expect(parsed.ok && parsed.source.data).toEqual({ a: "She said “stop”." });
  });

  it("names a curly quote that closes a JSON text", () => {
    const parsed = parseSource("x.json", '{\n  "a": "text”,\n  "b": "c"\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatchObject({ line: 2, col: 13, rule: "smart-quotes" });
    expect(parsed.problem.message).toContain("” (right double quotation mark)");
  });

  it("shows the faulty line with a caret under the column, tabs kept so the caret lines up", () => {
    const parsed = parseSource("x.json", '{\n\t"a": "b",\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(formatExcerpt(parsed.problem)).toEqual(['  2 | \t"a": "b",', "    | \t        ^"]);
  });

  it.each([
    ['{ "a": "b" }}', "an extra } or ]"],
    ['{ "a": "b"', "the file ends too early"],
    ["{ a: 1 }", "a missing quote? Names are written"],
    ['{ "a": "\\q" }', "a backslash"],
  ])("explains %s", (text, hint) => {
    const parsed = parseSource("x.json", text);
    expect(!parsed.ok && parsed.problem.message).toContain(hint);
  });
});
