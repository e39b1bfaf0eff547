import { describe, expect, it } from "vitest";
import { loadOk, miniDir, shippedDir } from "../../test/support/content.ts";
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

  it("gives each app its own variant and each parameter its own text, the second time as the first", () => {
    const { translator } = loadOk(shippedDir);
    const erased = [{ type: "text" as const, text: { key: "common:erased" } }];
    const onTelegram = render(erased, "en", translator, {}, "telegram");
    const onWhatsApp = render(erased, "en", translator, {}, "whatsapp_cloud");
    expect(onWhatsApp[0]!.text).toBe(translator.t("en", "common:erased_whatsapp"));
    expect(onTelegram[0]!.text).not.toBe(onWhatsApp[0]!.text);
    expect(render(erased, "en", translator, {}, "telegram")).toEqual(onTelegram);
    expect(render(erased, "en", translator, {}, "whatsapp_cloud")).toEqual(onWhatsApp);
    expect(render(erased, "es", translator, {}, "telegram")[0]!.text).toBe(
      translator.t("es", "common:erased", { context: "telegram" }),
    );
    const title = (country: string) => [
      { type: "text" as const, text: { key: "common:referrals.title", params: { country } } },
    ];
    expect(render(title("Peru"), "en", translator)[0]!.text).toContain("Peru");
    expect(render(title("Chile"), "en", translator)[0]!.text).toContain("Chile");
  });
});
