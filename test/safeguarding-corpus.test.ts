/**
 * Disclosures written as parents write them (test/corpora/disclosures/<lng>.yaml) go through the
 * real engine and the shipped content at every question, and as a first message: each must reach
 * the contacts. The `tuning` part is what the lists were written against and must pass entirely;
 * the `evaluation` part was kept apart, and its recall per locale is printed with every miss.
 * Ordinary answers (test/corpora/ordinary.yaml, and every option label) must never interrupt.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { createEngineContext } from "../src/conversation/engine-context.ts";
import { freshState, step, type SessionState, type StepResult } from "../src/engine/index.ts";
import { formatProblem } from "../src/content/files/problem.ts";
import { loadOk, shippedDir } from "./support/content.ts";

const content = loadOk(shippedDir);
const { bundle, translator } = content;
const ctx = createEngineContext(bundle, translator);
const questions = [...bundle.flows.values()].flatMap((flow) =>
  flow.nodes.filter((n) => n.type === "question").map((node) => ({ flow, node })),
);

/** A country that speaks each locale, where its parents would be. */
const countryOf: Record<string, string> = {
  en: "PH",
  es: "CO",
  "pt-BR": "BR",
  nl: "NL",
  fil: "PH",
  th: "TH",
  lo: "LA",
  id: "ID",
  bn: "BD",
  ne: "NP",
  hi: "IN",
};
const corpusDir = new URL("./corpora/", import.meta.url);
const corpus = (language: string) =>
  parse(readFileSync(new URL(`disclosures/${language}.yaml`, corpusDir), "utf8")) as {
    tuning: string[];
    evaluation: string[];
  };

function at(flow: string, node: string, vars: Record<string, string>): SessionState {
  return { ...freshState(vars), at: { flow, node, version: bundle.flows.get(flow)!.version } };
}
const showsContacts = (result: StepResult) =>
  result.events.some((e) => e.type === "safeguarding_interrupt") &&
  result.outputs.some((o) => o.type === "referrals" && o.entries.length + o.fallback.length > 0);

/** Where the sentence failed to reach the contacts: question nodes, or "first message". */
function misses(sentence: string, language: string, country: string): string[] {
  const vars = { language, country };
  const failed = questions
    .filter(
      ({ flow, node }) =>
        !showsContacts(step({ type: "text", text: sentence }, at(flow.id, node.id, vars), ctx)),
    )
    .map(({ flow, node }) => `${flow.id}/${node.id}`);
  const first = createEngineContext(bundle, translator, language);
  if (!showsContacts(step({ type: "text", text: sentence }, null, first))) failed.push("first message");
  return failed;
}

const recall: string[] = [];

describe.each(Object.keys(countryOf))("disclosures in %s", (language) => {
  const { tuning, evaluation } = corpus(language);
  const country = countryOf[language]!;

  it(`has enough sentences (${tuning.length} + ${evaluation.length})`, () => {
    const least = ["en", "es", "pt-BR", "nl"].includes(language) ? 25 : 12;
    expect(tuning.length + evaluation.length).toBeGreaterThanOrEqual(least);
    expect(evaluation.length).toBeGreaterThanOrEqual(6);
  });

  it.each(tuning)("reaches the contacts from every question: %s", (sentence) => {
    expect(misses(sentence, language, country)).toEqual([]);
  });

  it("reports recall on the evaluation set", () => {
    const missed = evaluation.filter((sentence) => misses(sentence, language, country).length > 0);
    const percent = Math.round(((evaluation.length - missed.length) * 100) / evaluation.length);
    recall.push(
      `${language}: ${percent}% (${evaluation.length - missed.length}/${evaluation.length})` +
        missed.map((s) => `\n    missed: ${s}`).join(""),
    );
    // The goal is 100 %; below this floor the lists have clearly stopped generalising.
    expect(percent).toBeGreaterThanOrEqual(50);
  });
});

describe("the shipped safeguarding lists", () => {
  it("have no duplicates, no entry broad enough to fire on anything and no entry that is a label", () => {
    const rules = ["safeguarding-duplicate", "safeguarding-too-broad", "safeguarding-label-collision"];
    expect(content.problems.filter((p) => rules.includes(p.rule)).map(formatProblem)).toEqual([]);
  });

  it("have every category in every locale", () => {
    const categories = Object.keys(content.loaded.locales.resources.en!.safeguarding ?? {});
    expect(categories.length).toBeGreaterThanOrEqual(8);
    for (const report of content.locales)
      for (const category of categories)
        expect(report.safeguarding[category], `${report.locale} ${category}`).toBeGreaterThan(0);
  });
});

describe("after the corpora", () => {
  it("prints the recall on the evaluation sets", () => {
    console.log(`Safeguarding recall on the evaluation sets:\n  ${recall.join("\n  ")}`);
    expect(recall).toHaveLength(Object.keys(countryOf).length);
  });
});

const ordinary = parse(readFileSync(new URL("ordinary.yaml", corpusDir), "utf8")) as Record<string, string[]>;
const interrupts = (result: StepResult) => result.events.some((e) => e.type === "safeguarding_interrupt");

describe.each(Object.keys(countryOf))("ordinary answers in %s", (language) => {
  const vars = { language, country: countryOf[language]! };

  it("never interrupt, at any question", () => {
    const answers = ordinary[language] ?? [];
    expect(answers.length).toBeGreaterThan(10);
    const alarms = answers.flatMap((answer) =>
      questions
        .filter(({ flow, node }) =>
          interrupts(step({ type: "text", text: answer }, at(flow.id, node.id, vars), ctx)),
        )
        .map(({ flow, node }) => `"${answer}" at ${flow.id}/${node.id}`),
    );
    expect(alarms).toEqual([]);
  });

  it("option labels typed out choose their option, even those about harm", () => {
    const wrong = questions.flatMap(({ flow, node }) =>
      node.options
        .map((o) => translator.t(language, o.label.includes(":") ? o.label : `${flow.id}:${o.label}`))
        .filter((label) => {
          const result = step({ type: "text", text: label }, at(flow.id, node.id, vars), ctx);
          return interrupts(result) || !result.events.some((e) => e.type === "option_chosen");
        })
        .map((label) => `"${label}" at ${flow.id}/${node.id}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe("a megabyte message", () => {
  /** The fastest of five runs in milliseconds: the machine may be busy with other work. */
  const fastest = (run: () => unknown) => {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      run();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  const menu = bundle.flows.get(bundle.settings.menu)!;
  const words = Array.from({ length: 200_000 }, (_, i) => `w${(i * 7919) % 100_003}x`).join(" ");

  it.each([
    ["digits", "7".repeat(1_000_000)],
    ["random words", words],
  ])(
    "of %s is answered well under 50 ms with every list of the country, and as a first message",
    (_, text) => {
      const state = at(menu.id, menu.nodes[0]!.id, { language: "en", country: "IN" });
      expect(fastest(() => step({ type: "text", text }, state, ctx))).toBeLessThan(50);
      expect(fastest(() => step({ type: "text", text }, null, ctx))).toBeLessThan(50);
    },
  );
});

describe("a language of the country other than the conversation's", () => {
  it.each([
    ["fil", "en", "PH"],
    ["es", "en", "BO"],
    ["en", "es", "CO"],
    ["hi", "en", "IN"],
    ["es", "pt-BR", "BR"],
  ])("%s disclosures reach the contacts in a conversation in %s in %s", (written, language, country) => {
    const { tuning, evaluation } = corpus(written);
    const menu = bundle.flows.get(bundle.settings.menu)!;
    const missed = [...tuning, ...evaluation].filter(
      (sentence) =>
        !showsContacts(
          step({ type: "text", text: sentence }, at(menu.id, menu.nodes[0]!.id, { language, country }), ctx),
        ),
    );
    expect(missed).toEqual([]);
  });
});
