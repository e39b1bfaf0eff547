import { expect, it } from "vitest";
import { runChat } from "../cli/chat.ts";
import { loadLocales } from "../i18n/load-locales.ts";
import { pseudoLocale, pseudoText, withPseudoLocale } from "./pseudo-locale.ts";
import { miniDir, shippedDir } from "../../test/support/translations/content-copy.ts";

it("accents a text, keeps its placeholders, makes it about 35 % longer and brackets it", () => {
  const text = "Call {{phone}} now";
  const pseudo = pseudoText(text);
  expect(pseudo).toBe("[Çåļļ {{phone}} ñöŵ ······]");
  expect([...pseudo].length).toBeGreaterThanOrEqual(Math.round(text.length * 1.35));
});

it("is added beside the locales without entering the manifest file, keyword lists left English", () => {
  const locales = loadLocales(`${miniDir}/locales`);
  const withPseudo = withPseudoLocale(locales);
  expect(Object.keys(locales.manifest!.locales)).not.toContain(pseudoLocale);
  expect(withPseudo.resources[pseudoLocale]!.menu!.bye).toBe("[Ĝööðƀýé ··]");
  expect(withPseudo.resources[pseudoLocale]!.keywords).toEqual(locales.resources.en!.keywords);
});

it("is spoken by the staff chat with --lang en-XA", async () => {
  const out: string[] = [];
  async function* lines() {
    yield "start";
  }
  const code = await runChat(lines(), (t) => out.push(t), { lang: "en-XA", dir: shippedDir });
  expect(code).toBe(0);
  expect(out.join("\n")).toMatch(/\[Ĥéļļö, Î'ɱ Ĝûåŕðļîñé\./);
  expect(out.join("\n")).not.toContain("Hello, I'm Guardline");
});
