/**
 * The safety properties every content folder must keep, as one suite that runs against any
 * directory: the shipped content (test/shipped-content.test.ts) and a copy changed the way
 * flows/README.md tells staff to change it (test/content-change.test.ts). Everything it checks
 * is read from the content (menu topics, locales, countries), so a valid change keeps it green.
 */
import { describe, expect, it } from "vitest";
import { createEngineContext } from "../../src/conversation/engine-context.ts";
import { freshState, step, type Output, type SessionState } from "../../src/engine/index.ts";
import { contentPaths, loadContent } from "../../src/content/load-content.ts";
import { render } from "../../src/i18n/render.ts";
import { loadOk } from "./content.ts";
import { channelDeclarations } from "../../src/channels/limits.ts";

export function describeContent(dir: string): void {
  const content = loadOk(dir);
  const { bundle, translator } = content;
  const ctx = createEngineContext(bundle, translator);
  const questions = [...bundle.flows.values()].flatMap((flow) =>
    flow.nodes.filter((n) => n.type === "question").map((node) => ({ flow, node })),
  );
  const keywords = (language: string) =>
    (content.loaded.locales.resources[language]?.keywords ?? {}) as Record<string, string[]>;
  const countries = [...bundle.referrals.keys()].filter((c) => c !== "international");

  function at(flow: string, node: string, vars: Record<string, string>): SessionState {
    return { ...freshState(vars), at: { flow, node, version: bundle.flows.get(flow)!.version } };
  }
  const referralsOf = (outputs: Output[]) => outputs.find((o) => o.type === "referrals");

  describe(`content in ${dir}`, () => {
    it("passes the checker with no errors", () => {
      const checked = loadContent(contentPaths(dir), { channels: channelDeclarations });
      expect(checked.problems.filter((p) => p.severity === "error")).toEqual([]);
    });

    it("translates the base and every approved locale completely, and lists a review status for every locale", () => {
      const manifest = content.loaded.locales.manifest!;
      const coverage = Object.fromEntries(content.locales.map((l) => [l.locale, l.coverage]));
      const complete = Object.entries(manifest.locales).filter(
        ([code, l]) => code === manifest.base || l.review === "approved",
      );
      for (const [locale] of complete) expect(coverage[locale], locale).toBe(100);
      expect(content.locales.map((l) => l.locale).sort()).toEqual(Object.keys(manifest.locales).sort());
      for (const l of content.locales) expect(["approved", "needs-native-review"]).toContain(l.review);
    });

    it("has every global keyword and safeguarding words in every locale", () => {
      for (const language of translator.languages) {
        for (const list of ["menu", "back", "help", "language", "stop", "erase", "safeguarding"]) {
          expect(keywords(language)[list]?.length, `${language} ${list}`).toBeGreaterThan(0);
        }
      }
    });

    describe.each(translator.languages)("in %s", (language) => {
      const words = keywords(language);
      const alarm = words.safeguarding?.[0] ?? "(no safeguarding words)";
      const help = words.help?.[0] ?? "(no help keyword)";

      it(`interrupts with emergency contacts from every question (${questions.length}) on a safeguarding word and on "help"`, () => {
        for (const { flow, node } of questions) {
          for (const typed of [alarm, `${alarm}!`, help]) {
            const result = step(
              { type: "text", text: typed },
              at(flow.id, node.id, { language, country: "NL" }),
              ctx,
            );
            const contacts = referralsOf(result.outputs);
            expect(
              contacts && contacts.entries.some((e) => e.kind === "emergency"),
              `${language} "${typed}" at ${flow.id}/${node.id}`,
            ).toBe(true);
            if (typed !== help)
              expect(result.events.some((e) => e.type === "safeguarding_interrupt")).toBe(true);
          }
        }
      });

      it("resumes the interrupted question afterwards", () => {
        const { flow, node } = questions.find((q) => q.flow.id === "sextortion")!;
        const interrupted = step(
          { type: "text", text: alarm },
          at(flow.id, node.id, { language, country: "BR" }),
          ctx,
        );
        const resume = interrupted.outputs.findLast((o) => o.type === "question")!;
        expect(resume.type === "question" && resume.options[0]!.id).toBe("resume");
        const back = step({ type: "text", text: "1" }, interrupted.state, ctx);
        expect(back.state.at).toMatchObject({ flow: flow.id, node: node.id });
      });
    });

    it("does not ask the country twice when help asked it during the welcome", () => {
      let state: SessionState | null = null;
      const say = (input: Parameters<typeof step>[0]) => {
        const result = step(input, state, ctx);
        state = result.state;
        return result;
      };
      say({ type: "start" });
      expect(state!.at?.flow).toBe("country");
      say({ type: "text", text: "abuse" });
      while (!state!.vars.country) say({ type: "text", text: "1" });
      const after = state!.at!;
      expect(after.flow).toBe(bundle.settings.help);
      const resumed = say({ type: "choice", node: after.node, option: "resume" });
      expect(resumed.state.at?.flow).not.toBe("country");
      expect(resumed.state.vars.country).toBeDefined();
    });

    it.each(countries)("get help now in %s shows an emergency number or says there is none", (country) => {
      const menu = bundle.flows.get(bundle.settings.menu)!;
      const result = step(
        { type: "choice", node: menu.nodes[0]!.id, option: "get_help" },
        at(menu.id, menu.nodes[0]!.id, { language: "en", country }),
        ctx,
      );
      const contacts = referralsOf(result.outputs)!;
      expect(contacts.country).toBe(country);
      const own = bundle.referrals.get(country)!.entries.filter((e) => e.kind === "emergency");
      const text = render([contacts], "en", translator)[0]!.text;
      if (own.length) for (const e of own) expect(text).toContain(e.phone!);
      else expect(text).toContain(translator.t("en", "common:referrals.no_emergency"));
    });

    it.each(countries)("offers the languages of %s first", (country) => {
      const expected = bundle.referrals.get(country)!.languages;
      const result = step(
        { type: "command", command: "language" },
        at(bundle.settings.menu, bundle.flows.get(bundle.settings.menu)!.nodes[0]!.id, {
          country,
          language: "en",
        }),
        ctx,
      );
      const question = result.outputs.findLast((o) => o.type === "question")!;
      const offered =
        question.type === "question"
          ? question.options.map((o) => o.label.key.replace("languages:", "").replace("_", "-"))
          : [];
      expect(offered.slice(0, expected.length)).toEqual(expected);
    });

    it("keeps every rendered text within Telegram's and WhatsApp's limits in every locale", () => {
      for (const language of translator.languages) {
        for (const { flow, node } of questions) {
          const shown = step(
            { type: "command", command: "back" },
            {
              ...at(flow.id, node.id, { language, country: "NL" }),
              history: [{ flow: flow.id, node: node.id, version: flow.version }],
            },
            ctx,
          );
          for (const reply of render(shown.outputs, language, translator, {
            link: "https://t.me/guardline_bot",
          })) {
            expect(reply.text.length, `${language} ${flow.id}/${node.id}`).toBeLessThanOrEqual(4096);
            expect(reply.options?.length ?? 0).toBeLessThanOrEqual(10);
            for (const option of reply.options ?? [])
              expect([...option.label].length, `${language} ${option.label}`).toBeLessThanOrEqual(24);
          }
        }
      }
    });
  });
}
