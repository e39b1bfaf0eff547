import { describe, expect, it } from "vitest";
import { fixedContent } from "../../content/content-source.ts";
import { loadOk, shippedDir } from "../../../test/support/content.ts";
import { contentCampaignTexts } from "./content-texts.ts";

describe("campaign texts from the shipped content", () => {
  const content = loadOk(shippedDir);
  const texts = contentCampaignTexts(
    fixedContent({ bundle: content.bundle, translator: content.translator }),
  );

  it("offers every bot language, greets in each, and explains the poster with the link", () => {
    expect(texts.languages().map((l) => l.code)).toEqual(expect.arrayContaining(["en", "es", "th", "pt-BR"]));
    for (const { code } of texts.languages()) {
      expect(texts.greeting(code), code).toMatch(/\S/);
      expect(texts.greeting(code), code).not.toMatch(/share:|\[/);
    }
    expect(texts.greeting("es")).toBe("Hola");
    expect(texts.poster("en", "https://t.me/x?start=demo")).toMatch(
      /Start here: https:\/\/t\.me\/x\?start=demo$/,
    );
  });
});
