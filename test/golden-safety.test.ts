/**
 * Golden transcripts of the replies that must be true and kind, in the four fully translated
 * languages and on each channel family: the welcome's privacy line, erase with its confirmation,
 * a photo, a disclosure in the person's own words, and two answers nobody understood. Read the
 * diff of test/goldens/safety/*.txt after content changes, then accept it with `npx vitest -u`.
 */
import { describe, expect, it } from "vitest";
import { formatReplies } from "../src/channels/terminal/format-replies.ts";
import { createEngineContext } from "../src/conversation/engine-context.ts";
import { step, type Input, type SessionState } from "../src/engine/index.ts";
import { render } from "../src/i18n/render.ts";
import { loadOk, shippedDir } from "./support/content.ts";

const content = loadOk(shippedDir);
const ctx = createEngineContext(content.bundle, content.translator);

const runs = [
  { language: "en", country: "PH", disclosure: "a man online keeps asking my 13 year old for nudes" },
  { language: "es", country: "CO", disclosure: "un señor por internet le pide fotos desnuda a mi hija" },
  { language: "pt-BR", country: "BR", disclosure: "um homem na internet fica pedindo nudes pra minha filha" },
  {
    language: "nl",
    country: "NL",
    disclosure: "een man online vraagt steeds om naaktfotos van mijn dochter",
  },
];
const text = (t: string): Input => ({ type: "text", text: t });
const photo: Input = { type: "unsupported", kind: "photo" };

/** One conversation on one channel, as "> what the person did" followed by the replies. */
function conversation(
  channel: string,
  language: string,
  country: string,
  inputs: Array<[string, Input]>,
): string {
  let state: SessionState | null = null;
  const lines = [`# ${channel}`];
  for (const [label, input] of [
    ["start", { type: "start", payload: { language, country } }],
    ...inputs,
  ] as Array<[string, Input]>) {
    const result = step(input, state, ctx);
    state = result.state;
    const replies = render(result.outputs, language, content.translator, {}, channel);
    lines.push(
      `> ${label}`,
      formatReplies(replies),
      ...(result.signal ? [`[signal: ${result.signal}]`] : []),
      "",
    );
  }
  return lines.join("\n");
}

describe("golden transcripts (safety replies)", () => {
  it.each(runs)("$language in $country", async ({ language, country, disclosure }) => {
    const erase = content.translator.keywords(language).commands;
    const eraseWord = [...erase].find(([, k]) => k === "erase")![0];
    const transcript = [
      conversation("telegram", language, country, [
        [eraseWord, text(eraseWord)],
        ["(button 2: no)", { type: "choice", node: "confirm_erase", option: "no" }],
        [eraseWord, text(eraseWord)],
        ["(button 1: yes)", { type: "choice", node: "confirm_erase", option: "yes" }],
      ]),
      conversation("whatsapp_cloud", language, country, [
        ["(photo)", photo],
        [disclosure, text(disclosure)],
        [eraseWord, text(eraseWord)],
        ["1", text("1")],
      ]),
      conversation("whatsapp_web", language, country, [
        [eraseWord, text(eraseWord)],
        ["yes", text("yes")],
      ]),
      conversation("simulator", language, country, [
        ["xyz", text("xyz")],
        ["xyz", text("xyz")],
      ]),
    ].join("\n");
    await expect(transcript).toMatchFileSnapshot(`goldens/safety/${language}.txt`);
  });
});
