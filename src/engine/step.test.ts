import { describe, expect, it } from "vitest";
import { contextFor, loadOk, miniDir } from "../../test/support/content.ts";
import { step } from "./step.ts";
import type { Input, Output, SessionState, StepResult } from "./types.ts";

const mini = loadOk(miniDir);
const ctx = contextFor(mini);

/** Runs inputs from a fresh conversation and returns every result. */
function run(
  inputs: Input[],
  start: Input = { type: "start", payload: { country: "NL", language: "en" } },
): StepResult[] {
  let state: SessionState | null = null;
  return [start, ...inputs].map((input) => {
    const result = step(input, state, ctx);
    state = result.state;
    return result;
  });
}
const text = (t: string): Input => ({ type: "text", text: t });
const keys = (outputs: Output[]) =>
  outputs.map((o) => (o.type === "referrals" ? `referrals:${o.country}` : o.text.key));
const last = <T>(list: T[]) => list[list.length - 1]!;

describe("step", () => {
  it("starts with the welcome, skips the country question when the deep link set it, and waits at the menu", () => {
    const [start] = run([]);
    expect(keys(start!.outputs)).toEqual([
      "welcome:hello",
      "welcome:privacy",
      "welcome:ready",
      "menu:prompt",
    ]);
    expect(start!.state.at).toMatchObject({ flow: "menu", node: "pick" });
    expect(start!.events[0]).toEqual({ type: "conversation_started" });
  });

  it("asks for the country when the deep link did not give one, and keeps the campaign", () => {
    const [start] = run([], { type: "start", payload: { campaign: "school_visits" } });
    expect(last(keys(start!.outputs))).toBe("welcome:pick_country");
    expect(start!.state.vars).toEqual({ campaign: "school_visits" });
    expect(start!.events[0]).toEqual({ type: "conversation_started", campaign: "school_visits" });
  });

  it("ignores deep-link languages and countries it does not have", () => {
    const [start] = run([], { type: "start", payload: { language: "xx", country: "ZZ" } });
    expect(start!.state.vars).toEqual({});
  });

  it("accepts an answer by number, by label, by unique prefix and by button", () => {
    for (const answer of [
      text("1"),
      text("tips"),
      text("TIP"),
      { type: "choice", node: "pick", option: "tips" } as Input,
    ]) {
      const [, chosen] = run([answer]);
      expect(keys(chosen!.outputs)).toEqual(["tips:one", "tips:more"]);
    }
  });

  it("says how to get help from the first miss, and shows the contacts after two misses in a row", () => {
    const results = run([text("banana"), text("banana"), text("1")]);
    expect(keys(results[1]!.outputs)).toEqual(["common:not_understood", "menu:prompt"]);
    expect(results[1]!.state.misses).toBe(1);
    expect(keys(results[2]!.outputs)).toEqual([
      "common:not_understood_menu",
      "help:calm",
      "referrals:NL",
      "help:after",
    ]);
    expect(results[2]!.events.map((e) => e.type)).not.toContain("safeguarding_interrupt");
    expect(keys(results[3]!.outputs), "then back where they were").toEqual(["menu:prompt"]);
    expect(results[1]!.events).toEqual([
      { type: "not_understood", flow: "menu", version: expect.any(String), node: "pick" },
    ]);
  });

  it("treats a button from an earlier message as stale and shows the current question", () => {
    const [, , stale] = run([text("1"), { type: "choice", node: "pick", option: "tips" }]);
    expect(keys(stale!.outputs)).toEqual(["common:stale_button", "tips:more"]);
  });

  it("interrupts for safeguarding words anywhere in a message, then resumes the same question", () => {
    const [, , alarm, resumed] = run([text("1"), text("My daughter is in DANGER!!"), text("1")]);
    expect(keys(alarm!.outputs)).toEqual(["common:disclosure", "help:calm", "referrals:NL", "help:after"]);
    expect(alarm!.events).toContainEqual({
      type: "safeguarding_interrupt",
      at: { flow: "tips", version: expect.any(String), node: "more" },
    });
    expect(keys(resumed!.outputs)).toEqual(["tips:more"]);
  });

  it("matches safeguarding words without accents and in the person's language", () => {
    const results = run([text("language"), text("2"), text("er is gevaar"), text("menu"), text("Dângér")]);
    expect(results[2]!.state.vars.language).toBe("nl");
    expect(results[3]!.events.map((e) => e.type)).toContain("safeguarding_interrupt");
    expect(results[5]!.events.map((e) => e.type)).toContain("safeguarding_interrupt");
  });

  it("does not treat a word that merely contains a safeguarding word as an alarm", () => {
    const [, reply] = run([text("disabused")]);
    expect(reply!.events.map((e) => e.type)).toEqual(["not_understood"]);
  });

  it("opens help from the first message of a new conversation", () => {
    const result = step(text("help"), null, ctx);
    expect(keys(result.outputs)).toContain("help:calm");
    expect(result.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["conversation_started", "keyword", "flow_started"]),
    );
  });

  it("goes back to the previous question", () => {
    const [, , , back] = run([text("1"), text("1"), text("back")]);
    expect(keys(back!.outputs)).toEqual(["tips:more"]);
  });

  it("says so when there is nothing to go back to", () => {
    const [, back] = run([text("back")]);
    expect(keys(back!.outputs)).toEqual(["common:no_back", "menu:prompt"]);
  });

  it("changes language with the keyword and returns to the same question", () => {
    const [, , lang, chosen] = run([text("1"), text("language"), text("Nederlands")]);
    expect(last(keys(lang!.outputs))).toBe("language:pick");
    expect(chosen!.state.vars.language).toBe("nl");
    expect(keys(chosen!.outputs)).toEqual(["tips:more"]);
  });

  it("keeps the stored state small however often the language is asked for", () => {
    const results = run(Array.from({ length: 30 }, () => text("language")));
    expect(results.at(-1)!.state.stack.length).toBe(1);
    const chosen = step(text("1"), results.at(-1)!.state, ctx);
    expect(keys(chosen.outputs)).toEqual(["menu:prompt"]);
  });

  it("stops, and a later message shows the menu again", () => {
    const [, stopped, again] = run([text("stop"), text("hello")]);
    expect(stopped!.signal).toBe("stop");
    expect(stopped!.state.at).toBeNull();
    expect(keys(again!.outputs)).toEqual(["menu:prompt"]);
  });

  it("erases after a yes: signals the caller and keeps nothing but the language for the goodbye", () => {
    const [, asked, erased] = run([{ type: "command", command: "erase" }, text("yes")]);
    expect(asked!.signal).toBeUndefined();
    expect(asked!.outputs).toEqual([
      {
        type: "question",
        text: { key: "common:erase_confirm.question" },
        node: "confirm_erase",
        options: [
          { id: "yes", label: { key: "common:erase_confirm.yes" } },
          { id: "no", label: { key: "common:erase_confirm.no" } },
        ],
      },
    ]);
    expect(erased!.signal).toBe("erase");
    expect(erased!.state).toMatchObject({ at: null, stack: [], vars: { language: "en" } });
    expect(erased!.state.pending).toBeUndefined();
    expect(keys(erased!.outputs)).toEqual(["common:erased"]);
  });

  it("takes yes by button, number, word or erase again, and no keeps everything", () => {
    for (const yes of [
      { type: "choice", node: "confirm_erase", option: "yes" } as Input,
      text("1"),
      text("Yes"),
      text("erase"),
    ])
      expect(run([text("erase"), yes])[2]!.signal, JSON.stringify(yes)).toBe("erase");
    for (const no of [
      { type: "choice", node: "confirm_erase", option: "no" } as Input,
      text("2"),
      text("no"),
    ]) {
      const [, , , kept, later] = run([text("1"), text("erase"), no, text("yes")]);
      expect(kept!.signal).toBeUndefined();
      expect(keys(kept!.outputs)).toEqual(["common:erase_confirm.kept", "tips:more"]);
      expect(later!.signal, "a later yes is an answer, not a confirmation").toBeUndefined();
    }
  });

  it("never confuses stop with erase, and anything else cancels the question", () => {
    const [, , stopped] = run([text("erase"), text("stop")]);
    expect(stopped!.signal).toBe("stop");
    const [, , alarm] = run([text("erase"), text("he is abusing her")]);
    expect(alarm!.signal).toBeUndefined();
    expect(alarm!.events.map((e) => e.type)).toContain("safeguarding_interrupt");
    const [, , chosen] = run([text("erase"), text("tips")]);
    expect(chosen!.state.pending).toBeUndefined();
    expect(keys(chosen!.outputs)).toEqual(["tips:one", "tips:more"]);
  });

  it("restarts politely from the menu when the flow changed under the person", () => {
    const [start] = run([]);
    const stale: SessionState = { ...start!.state, at: { ...start!.state.at!, version: "old" } };
    const result = step(text("1"), stale, ctx);
    expect(keys(result.outputs)).toEqual(["common:flow_changed", "menu:prompt"]);
    expect(result.events[0]).toEqual({ type: "flow_restarted", flow: "menu" });
  });

  it("still hears danger words, help, erase and stop after the flow changed under the person", () => {
    const [start] = run([]);
    const stale: SessionState = { ...start!.state, at: { ...start!.state.at!, version: "old" } };
    expect(step(text("he is hurting me, danger"), stale, ctx).events.map((e) => e.type)).toContain(
      "safeguarding_interrupt",
    );
    expect(keys(step(text("help"), stale, ctx).outputs)).toContain("help:calm");
    expect(step(text("yes"), step(text("erase"), stale, ctx).state, ctx).signal).toBe("erase");
    expect(step(text("stop"), stale, ctx).signal).toBe("stop");
    expect(keys(step({ type: "choice", node: "pick", option: "tips" }, stale, ctx).outputs)).toEqual([
      "common:flow_changed",
      "menu:prompt",
    ]);
  });

  it("opens help when a help word stands anywhere in a message nothing else understood", () => {
    const [, plea] = run([text("please, I need help with my son")]);
    expect(keys(plea!.outputs)).toContain("help:calm");
    expect(plea!.events).toContainEqual({ type: "keyword", keyword: "help" });
    expect(plea!.events.map((e) => e.type)).not.toContain("safeguarding_interrupt");
  });

  it("reads a help word of a script without spaces as a plea only in a short message", () => {
    const thai = { ...ctx, keywords: () => ({ ...ctx.keywords("en"), help: ["ช่วย"] }) };
    const [start] = run([]);
    expect(step(text("ช่วยด้วย"), start!.state, thai).events).toContainEqual({
      type: "keyword",
      keyword: "help",
    });
    expect(
      step(text("ช่วยบอกวิธีตั้งค่าความปลอดภัยในแอปของลูกหน่อย"), start!.state, thai).events.map((e) => e.type),
    ).toEqual(["not_understood"]);
  });

  it("does not take 'helpful' or 'helper' for a help word", () => {
    const [, reply] = run([text("that was helpful")]);
    expect(reply!.events.map((e) => e.type)).toEqual(["not_understood"]);
  });

  it("answers unsupported input kindly and re-asks", () => {
    const [, photo] = run([{ type: "unsupported", kind: "photo" }]);
    expect(keys(photo!.outputs)).toEqual(["common:unsupported_input", "menu:prompt"]);
  });

  it("still interrupts when a photo's caption mentions danger, and only then", () => {
    const [, plain, alarming] = run([
      { type: "unsupported", kind: "photo", caption: "look at this" },
      { type: "unsupported", kind: "photo", caption: "he is abusing her" },
    ]);
    expect(keys(plain!.outputs)).toEqual(["common:unsupported_input", "menu:prompt"]);
    expect(keys(alarming!.outputs)).toEqual(["common:disclosure", "help:calm", "referrals:NL", "help:after"]);
  });

  it("does not count a flow as completed when it calls another, only when it finishes", () => {
    const [, , toFeedback, answered] = run([text("1"), text("1"), text("1")]);
    const completed = (r: StepResult) =>
      r.events.filter((e) => e.type === "flow_completed").map((e) => (e as { flow: string }).flow);
    expect(keys(toFeedback!.outputs)).toEqual(["tips:two", "feedback:helpful"]);
    expect(completed(toFeedback!)).toEqual([]);
    expect(completed(answered!)).toEqual(["feedback", "tips"]);
  });

  it("completes the conversation once, when the first topic is finished", () => {
    const results = run([text("1"), text("1"), text("1"), text("1"), text("1"), text("1")]);
    const completions = results.flatMap((r) => r.events).filter((e) => e.type === "conversation_completed");
    expect(completions).toEqual([{ type: "conversation_completed", flow: "tips" }]);
    expect(results[3]!.events).toContainEqual({ type: "conversation_completed", flow: "tips" });
  });

  it("does not complete the conversation for the welcome, the menu or the language choice", () => {
    const results = run([text("menu"), text("language"), text("1")]);
    expect(results.flatMap((r) => r.events).map((e) => e.type)).not.toContain("conversation_completed");
  });

  it("never puts typed text into events", () => {
    const secret = "Maria +31612345678 lives at Elm street";
    const results = run([text(secret), text(`tips ${secret}`), text(`danger ${secret}`)]);
    for (const r of results) expect(JSON.stringify(r.events)).not.toMatch(/Maria|3161|Elm/);
  });

  it("is deterministic and does not mutate the state it was given", () => {
    const [start] = run([]);
    const frozen = structuredClone(start!.state);
    const a = step(text("1"), start!.state, ctx);
    const b = step(text("1"), start!.state, ctx);
    expect(a).toEqual(b);
    expect(start!.state).toEqual(frozen);
  });

  it("stops a loop that never waits instead of spinning", () => {
    const flow = {
      id: "loop",
      title: "t",
      sources: [],
      version: "v",
      nodes: [{ id: "a", type: "message" as const, text: "common:yes", next: "a" }],
    };
    const looping = contextFor(mini, [{ ...flow, nodesById: new Map([["a", flow.nodes[0]!]]) }]);
    const start = step({ type: "start", payload: { country: "NL" } }, null, looping);
    const result = step(
      { type: "choice", node: "pick", option: "x" },
      { ...start.state, at: null, stack: [] },
      looping,
    );
    expect(result.state).toBeDefined();
    const spun = step({ type: "text", text: "menu" }, start.state, {
      ...looping,
      bundle: { ...looping.bundle, settings: { ...looping.bundle.settings, menu: "loop" } },
    });
    expect(spun.events.at(-1)).toEqual({ type: "engine_error", reason: "more than 100 nodes in one turn" });
    expect(spun.state.at).toBeNull();
  });
});
