import { describe, expect, it } from "vitest";
import { toTelegram } from "./to-telegram.ts";

describe("toTelegram", () => {
  it("puts options as one-per-row buttons carrying the question", () => {
    expect(
      toTelegram({
        text: "Where do you live?",
        node: "pick_country",
        options: [
          { id: "nl", label: "the Netherlands" },
          { id: "other", label: "Other country" },
        ],
      }),
    ).toEqual([
      {
        text: "Where do you live?",
        reply_markup: {
          inline_keyboard: [
            [{ text: "the Netherlands", callback_data: "o:pick_country:nl" }],
            [{ text: "Other country", callback_data: "o:pick_country:other" }],
          ],
        },
      },
    ]);
  });

  it("sends a plain text without a keyboard", () => {
    expect(toTelegram({ text: "Thanks." })).toEqual([{ text: "Thanks." }]);
  });

  it("splits a long question and keeps the buttons on the last part", () => {
    const messages = toTelegram({
      text: `${"a".repeat(4000)}\n\n${"b".repeat(200)}`,
      node: "q",
      options: [{ id: "x", label: "X" }],
    });
    expect(messages).toHaveLength(2);
    expect(messages[0]!.reply_markup).toBeUndefined();
    expect(messages[1]!.reply_markup?.inline_keyboard).toHaveLength(1);
  });
});
