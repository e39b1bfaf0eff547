import { describe, expect, it } from "vitest";
import { loadLocales } from "../../i18n/load-locales.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { localesDir } from "../../../test/support/console/console-harness.ts";
import { loadConsoleTranslator } from "./console-translator.ts";

describe("console texts", () => {
  it("come from locales/en/console.json, with English when the browser asks for another language", () => {
    const translator = loadConsoleTranslator(localesDir);
    expect(translator.languages[0]).toBe("en");
    const { language, t } = translator.forRequest("th-TH,th;q=0.9");
    expect(language).toBe(translator.languages.includes("th") ? "th" : "en");
    expect(t("nav.overview")).toBe("Overview");
    expect(t("fewer_than", { count: 5 })).toBe("fewer than 5");
  });

  it("are never loaded for the bot, so parents never see them and the checker asks no translation", () => {
    const locales = loadLocales(localesDir);
    expect(Object.keys(locales.resources.en!)).not.toContain("console");
    expect(Object.keys(locales.resources.en!)).toContain("share");
    expect(locales.problems.filter((p) => /console/.test(`${p.file} ${p.message}`))).toEqual([]);
    const bot = createTranslator(locales);
    expect(bot.has("en", "console:nav.overview")).toBe(false);
  });
});
