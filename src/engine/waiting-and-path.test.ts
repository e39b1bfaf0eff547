import { describe, expect, it } from "vitest";
import { contextFor, loadOk, miniDir } from "../../test/support/content.ts";
import { step } from "./step.ts";
import type { Input, SessionState, StepResult } from "./types.ts";

const mini = loadOk(miniDir);
const ctx = contextFor(mini);
const version = (flow: string) => mini.bundle.flows.get(flow)!.version;

function run(inputs: Input[]): StepResult[] {
  let state: SessionState | null = null;
  return [{ type: "start", payload: { country: "NL", language: "en" } } as Input, ...inputs].map((input) => {
    const result = step(input, state, ctx);
    state = result.state;
    return result;
  });
}
const text = (t: string): Input => ({ type: "text", text: t });

describe("step reports where the person waits and the path the turn took", () => {
  it("gives each node left as node -> exit -> destination, in order", () => {
    const [start, chosen, next] = run([text("1"), text("1")]);
    expect(start!.path).toEqual([
      {
        flow: "welcome",
        version: version("welcome"),
        node: "hello",
        exit: { kind: "continue" },
        to: expect.anything(),
      },
      ...start!.path.slice(1),
    ]);
    expect(start!.path.at(-1)).toMatchObject({ flow: "welcome", to: { kind: "flow", flow: "menu" } });
    expect(chosen!.path).toEqual([
      {
        flow: "menu",
        version: version("menu"),
        node: "pick",
        exit: { kind: "option", option: "tips" },
        to: { kind: "flow", flow: "tips" },
      },
      {
        flow: "tips",
        version: version("tips"),
        node: "one",
        exit: { kind: "continue" },
        to: { kind: "node", node: "more" },
      },
    ]);
    expect(next!.path.slice(0, 2)).toEqual([
      {
        flow: "tips",
        version: version("tips"),
        node: "more",
        exit: { kind: "option", option: "next_tip" },
        to: { kind: "node", node: "two" },
      },
      {
        flow: "tips",
        version: version("tips"),
        node: "two",
        exit: { kind: "continue" },
        to: { kind: "node", node: "ask_feedback" },
      },
    ]);
    expect(next!.path[2]).toMatchObject({ node: "ask_feedback", to: { kind: "flow", flow: "feedback" } });
  });

  it("says the person arrived at a question, but not when the same question is asked again", () => {
    const [, chosen, missed] = run([text("1"), text("banana")]);
    const atMore = { kind: "question", flow: "tips", version: version("tips"), node: "more" };
    expect(chosen!.waiting).toEqual({ ...atMore, arrived: true });
    expect(missed!.waiting).toEqual({ ...atMore, arrived: false });
    expect(missed!.path).toEqual([]);
  });

  it("waits nowhere after stop, and at the engine's question while erase awaits its answer", () => {
    const [, stopped] = run([text("stop")]);
    expect(stopped!.waiting).toEqual({ kind: "nowhere" });
    const [, asked, kept] = run([text("erase"), text("no")]);
    expect(asked!.waiting).toEqual({ kind: "erase_confirmation" });
    expect(kept!.waiting).toMatchObject({ kind: "question", node: "pick", arrived: false });
  });

  it("records an answer that leads to a special target by what the target means", () => {
    const [, , toMenu] = run([text("1"), text("2")]);
    expect(toMenu!.path[0]).toMatchObject({ node: "more", exit: { option: "menu" }, to: { kind: "menu" } });
    const [, bye] = run([text("3")]);
    expect(bye!.path).toEqual([
      {
        flow: "menu",
        version: version("menu"),
        node: "pick",
        exit: { kind: "option", option: "bye" },
        to: { kind: "stop" },
      },
    ]);
  });

  it("keeps no sentinel in the state: choosing a language from nowhere returns to the menu", () => {
    const [, , choosing, chosen] = run([text("stop"), text("language"), text("2")]);
    expect(choosing!.state.stack).toEqual([{ kind: "menu" }]);
    expect(JSON.stringify(choosing!.state)).not.toContain("#");
    expect(chosen!.state.vars.language).toBe("nl");
    expect(chosen!.waiting).toMatchObject({ kind: "question", flow: "menu", node: "pick", arrived: true });
    expect(chosen!.events.map((e) => e.type)).not.toContain("flow_restarted");
  });

  it("returns to the question the person was at after a language choice, as a typed return point", () => {
    const [, , choosing] = run([text("1"), text("language")]);
    expect(choosing!.state.stack).toEqual([
      { kind: "target", flow: "tips", version: version("tips"), target: "more" },
    ]);
  });

  it("places a safeguarding interrupt before any question nowhere, not at an empty flow", () => {
    const [first] = [step(text("my child is in danger"), null, ctx)];
    expect(first!.events).toContainEqual({ type: "safeguarding_interrupt", at: null });
  });
});

describe("the bundle's topics", () => {
  it("are the flows the menu leads to, computed when the bundle is built", () => {
    expect([...mini.bundle.topics]).toEqual(["tips", "help"]);
  });

  it("complete the conversation; other flows finished do not", () => {
    const [, , , fed] = run([text("1"), text("1"), text("1")]);
    const completed = fed!.events.filter((e) => e.type === "conversation_completed");
    expect(completed).toEqual([{ type: "conversation_completed", flow: "tips" }]);
  });
});
