import { describe, expect, it } from "vitest";
import { loadOk, miniDir } from "../../test/support/content.ts";
import { channelContext, render } from "./render.ts";

describe("render", () => {
  it("picks the text variant of the channel family, and the plain text without one", () => {
    expect(
      ["telegram", "whatsapp_web", "whatsapp_cloud", "simulator", undefined].map(channelContext),
    ).toEqual(["telegram", "whatsapp_web", "whatsapp", undefined, undefined]);
    const { translator } = loadOk(miniDir);
    const outputs = [{ type: "text" as const, text: { key: "common:erased" } }];
    const plain = translator.t("en", "common:erased");
    expect(render(outputs, "en", translator, {}, "telegram")).toEqual([{ text: plain }]);
  });
});
