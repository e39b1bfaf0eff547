/**
 * Golden transcripts of the shipped flows: every topic of the main menu walked to its end in
 * four languages, each in a country that speaks it (those the content still has). Topics are
 * read from the menu, so a new topic asks for its transcripts: read the diff of
 * test/goldens/shipped/*.txt after content changes, then accept it with `npm run goldens:update`.
 */
import { describe, expect, it } from "vitest";
import { expectGolden } from "./support/golden.ts";
import { loadOk, shippedDir } from "./support/content.ts";
import { walkTopic } from "./support/walk.ts";

const content = loadOk(shippedDir);
const runs = [
  { language: "en", country: "PH" },
  { language: "nl", country: "NL" },
  { language: "es", country: "CO" },
  { language: "pt-BR", country: "BR" },
].filter((r) => content.translator.languages.includes(r.language) && content.bundle.referrals.has(r.country));
const menuFlow = content.bundle.flows.get(content.bundle.settings.menu)!;
const topics =
  menuFlow.nodes[0]!.type === "question"
    ? menuFlow.nodes[0]!.options.filter((o) => o.flow).map((o, i) => ({ number: i + 1, flow: o.flow! }))
    : [];

describe("golden transcripts (shipped flows)", () => {
  it("finds the topics in the main menu", () => {
    expect(topics.length).toBeGreaterThan(0);
    expect(runs.length).toBeGreaterThan(0);
  });

  describe.each(runs)("$language in $country", ({ language, country }) => {
    it.each(topics)("topic $number: $flow", async ({ number, flow }) => {
      const walk = walkTopic(content, { language, country, topic: number });
      expect(walk.results.at(-1)!.state.at?.flow, "the walk ends back at the menu").toBe(
        content.bundle.settings.menu,
      );
      expect(
        walk.results.flatMap((r) => r.events).filter((e) => e.type === "flow_completed" && e.flow === flow),
      ).not.toHaveLength(0);
      await expectGolden(walk.transcript, `shipped/${language}-${flow}.txt`);
    });
  });
});
