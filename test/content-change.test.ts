/**
 * A content change made the way flows/README.md describes ("Adding a topic", "Adding a
 * language") keeps the content suite green: a copy of the shipped content gets a new menu topic
 * in English and Spanish and a new language, then runs the same suite as the shipped content.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentPaths, loadContent } from "../src/content/load-content.ts";
import { describeContent } from "./support/content-suite.ts";
import { shippedDir } from "./support/content.ts";
import { channelDeclarations } from "../src/channels/limits.ts";

const dir = mkdtempSync(join(tmpdir(), "guardline-content-change-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(shippedDir, "flows"), join(dir, "flows"), { recursive: true });
cpSync(join(shippedDir, "locales"), join(dir, "locales"), { recursive: true });

const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
const addTexts = (file: string, texts: Record<string, unknown>) =>
  edit(file, (text) => JSON.stringify(merge(JSON.parse(text) as Record<string, unknown>, texts), null, 2));
function merge(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(from))
    into[key] =
      value && typeof value === "object"
        ? merge((into[key] ?? {}) as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  return into;
}

// Adding a topic: 1. the flow file, 2. its texts in the base language (and Spanish),
// 3. an option in the menu, 4. the option's label.
writeFileSync(
  join(dir, "flows/online_games.yaml"),
  `id: online_games
title: Online games
sources: []
nodes:
  - id: tips
    type: message
    text: [intro, tips]

  - id: rate
    type: call
    flow: feedback
    then: "@menu"
`,
);
writeFileSync(
  join(dir, "locales/en/online_games.json"),
  JSON.stringify({
    intro: "Many children chat with strangers in games.",
    tips: "Play together now and then, and ask who they talk to.",
  }),
);
writeFileSync(
  join(dir, "locales/es/online_games.json"),
  JSON.stringify({
    intro: "Muchos niños chatean con desconocidos en los juegos.",
    tips: "Jueguen juntos de vez en cuando y pregunte con quién hablan.",
  }),
);
edit("flows/menu.yaml", (text) =>
  text.replace(
    "      - { label: options.change_country",
    "      - { label: options.online_games, set: { topic: online_games }, flow: online_games }\n      - { label: options.change_country",
  ),
);
addTexts("locales/en/menu.json", { options: { online_games: "Online games" } });
addTexts("locales/es/menu.json", { options: { online_games: "Juegos en línea" } });

// Adding a language: 1. a line in the manifest, 2. its folder with (at least) keywords.json,
// 3. an option in the language lists.
edit(
  "locales/manifest.yaml",
  (text) => `${text.trimEnd()}\n  sw: { name: Kiswahili, review: needs-native-review }\n`,
);
mkdirSync(join(dir, "locales/sw"));
cpSync(join(dir, "locales/en/keywords.json"), join(dir, "locales/sw/keywords.json"));
edit("flows/language.yaml", (text) =>
  text.replace(
    "      - { label: first_list, next: all_first }",
    '      - { label: "languages:sw", set: { language: sw }, next: done }\n      - { label: first_list, next: all_first }',
  ),
);

describe("a topic and a language added as flows/README.md describes", () => {
  it("pass the checker with no errors, and the new topic and language are served", () => {
    const content = loadContent(contentPaths(dir), { channels: channelDeclarations });
    expect(content.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(content.bundle!.flows.has("online_games")).toBe(true);
    expect(content.translator!.languages).toContain("sw");
    expect(content.translator!.t("en", "languages:sw")).toBe("Kiswahili");
  });
});

describeContent(dir);
