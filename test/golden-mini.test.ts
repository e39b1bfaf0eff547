/**
 * Whole-conversation golden transcripts of the mini fixture: the engine, texts and rendering
 * together. A change in behaviour shows up as a diff of test/goldens/mini/*.txt; accept it with
 * `npm run goldens:update` after reading it.
 */
import { describe, it } from "vitest";
import { expectGolden } from "./support/golden.ts";
import { miniDir } from "./support/content.ts";
import { transcript } from "./support/transcript.ts";

const scripts: Record<string, { lang?: string; country?: string; start?: string; lines: string[] }> = {
  "welcome-to-help": { lang: "en", country: "NL", lines: ["start", "2", "1"] },
  "country-question": { lines: ["/start school_visits", "nl", "1", "1", "2"] },
  keywords: {
    lang: "en",
    country: "NL",
    lines: ["start", "1", "back", "language", "2", "help", "1", "stop", "hello", "erase"],
  },
  misunderstood: { lang: "en", country: "NL", lines: ["start", "banana", "banana", "banana"] },
  dutch: { start: "-nl-NL", lines: ["start", "gevaar", "2", "wissen"] },
};

describe("golden transcripts (mini)", () => {
  it.each(Object.keys(scripts))("%s", async (name) => {
    const { lines, ...options } = scripts[name]!;
    const text = await transcript(lines, { ...options, dir: miniDir });
    await expectGolden(text, `mini/${name}.txt`);
  });
});
