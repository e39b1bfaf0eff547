import { describe, expect, it } from "vitest";
import type { Reply } from "../../i18n/render.ts";
import { toPlatform } from "./to-platform.ts";

const question = (labels: string[], text = "Where do you live?"): Reply => ({
  text,
  node: "pick",
  options: labels.map((label, i) => ({ id: `o${i}`, label })),
});

describe("toPlatform (Cloud API)", () => {
  it("sends up to 3 short options as reply buttons carrying the callback data", () => {
    const [message] = toPlatform(question(["Yes", "No"]), "Choose");
    expect(message).toEqual({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Where do you live?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "o:pick:o0", title: "Yes" } },
            { type: "reply", reply: { id: "o:pick:o1", title: "No" } },
          ],
        },
      },
    });
  });

  it("uses a list for 4 to 10 options, or for labels over 20 but within 24 characters", () => {
    expect(toPlatform(question(["a", "b", "c", "d"]), "Choose")[0]).toMatchObject({
      interactive: { type: "list", action: { button: "Choose" } },
    });
    const long = toPlatform(question(["A label of 22 letters.", "b"]), "Choose")[0];
    expect(long).toMatchObject({
      interactive: {
        type: "list",
        action: {
          sections: [
            {
              rows: [
                { id: "o:pick:o0", title: "A label of 22 letters." },
                { id: "o:pick:o1", title: "b" },
              ],
            },
          ],
        },
      },
    });
  });

  it("falls back to numbered text for more than 10 options, labels over 24 characters, or a long question", () => {
    const many = toPlatform(question(Array.from({ length: 11 }, (_, i) => `Option ${i + 1}`)), "Choose");
    expect(many).toHaveLength(1);
    expect(many[0]).toMatchObject({
      type: "text",
      text: { body: expect.stringContaining("\n11. Option 11") },
    });
    expect(toPlatform(question(["This label is far too long for a row", "b"]), "Choose")[0]!.type).toBe(
      "text",
    );
    expect(toPlatform(question(["a", "b"], "x".repeat(1025)), "Choose")[0]!.type).toBe("text");
    expect(toPlatform(question(["a", "b", "c", "d"]), "A list button too long")[0]!.type).toBe("text");
  });

  it("options whose labels repeat are numbered text: Meta refuses repeated button titles", () => {
    expect(toPlatform(question(["Yes", "No", "Yes"]), "Choose")[0]).toMatchObject({
      type: "text",
      text: { body: "Where do you live?\n1. Yes\n2. No\n3. Yes" },
    });
    expect(toPlatform(question(["Help", "help "]), "Choose")[0]!.type).toBe("text");
    expect(toPlatform(question(["a", "b", "c", "a"]), "Choose")[0]!.type).toBe("text");
  });

  it("limits at their edges: 20/21-character buttons, 24/25-character rows, 10 rows, a 1024-character body", () => {
    const kind = (labels: string[], text?: string, listButton = "Choose") => {
      const [m] = toPlatform(question(labels, text), listButton);
      return m!.type === "interactive" ? m!.interactive.type : "text";
    };
    expect(kind(["x".repeat(20), "b"])).toBe("button");
    expect(kind(["x".repeat(21), "b"])).toBe("list");
    expect(kind(["x".repeat(24), "b"])).toBe("list");
    expect(kind(["x".repeat(25), "b"])).toBe("text");
    expect(kind(Array.from({ length: 10 }, (_, i) => `Row ${i + 1}`))).toBe("list");
    expect(kind(Array.from({ length: 11 }, (_, i) => `Row ${i + 1}`))).toBe("text");
    expect(kind(["a", "b"], "x".repeat(1024))).toBe("button");
    expect(kind(["a", "b"], "x".repeat(1025))).toBe("text");
    expect(kind(["a", "b", "c", "d"], undefined, "x".repeat(20))).toBe("list");
    expect(kind(["a", "b", "c", "d"], undefined, "x".repeat(21))).toBe("text");
  });

  it("emoji count as the two UTF-16 units they take, so a label is never one character over Meta's limit", () => {
    const kind = (label: string) => {
      const [m] = toPlatform(question([label, "b"]), "Choose");
      return m!.type === "interactive" ? m!.interactive.type : "text";
    };
    expect(kind("🆘".repeat(10))).toBe("button");
    expect(kind(`${"🆘".repeat(10)}!`)).toBe("list");
    expect(kind("👨‍👩‍👧".repeat(3))).toBe("list"); // 3 family emoji: 24 units
    expect(kind("👨‍👩‍👧".repeat(4))).toBe("text");
  });

  it("splits plain texts longer than 4096 characters", () => {
    const messages = toPlatform({ text: `${"a".repeat(3000)}\n\n${"b".repeat(3000)}` }, "Choose");
    expect(messages.map((m) => (m.type === "text" ? m.text.body.length : 0))).toEqual([3000, 3000]);
  });
});
