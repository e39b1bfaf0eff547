/**
 * One fixture per node type (test/fixtures/nodes/<type>.yaml): flows plus steps with the texts,
 * position, variables and events expected. A node type without a fixture fails the suite.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  freshState,
  step,
  type EngineContext,
  type Flow,
  type FlowNode,
  type Input,
  type Output,
  type SessionState,
  type StepResult,
} from "../src/engine/index.ts";
import { createFlowBundle } from "../src/flows/definition/index.ts";
import { flowFileSchema, nodeTypes } from "../src/flows/definition/schema.ts";
import { contextFor, loadOk, miniDir } from "./support/content.ts";

interface Step {
  input?: Input;
  start?: string;
  vars?: Record<string, string>;
  says?: string[];
  at?: string | null;
  events?: string[];
  referrals?: { country: string; kinds: string[]; entries: string[]; fallback: string[]; missing: string[] };
}

const mini = loadOk(miniDir);
const fixture = (type: string) => new URL(`fixtures/nodes/${type}.yaml`, import.meta.url).pathname;

function toFlow(raw: unknown): Flow {
  const file = flowFileSchema.parse(raw);
  return {
    ...file,
    version: createHash("sha256").update(JSON.stringify(raw)).digest("hex").slice(0, 12),
    nodesById: new Map(file.nodes.map((n): [string, FlowNode] => [n.id, n])),
  };
}

function textKeys(outputs: Output[]): string[] {
  return outputs.flatMap((o) => (o.type === "referrals" ? [] : [o.text.key]));
}

/** Starts `flow` directly, as a `flow:` jump from the menu would. */
function startAt(ctx: EngineContext, flow: string, vars: Record<string, string>): StepResult {
  const menu = ctx.bundle.flows.get(ctx.bundle.settings.menu)!;
  const state: SessionState = {
    ...freshState(vars),
    at: { flow: menu.id, node: menu.nodes[0]!.id, version: menu.version },
  };
  const jump: Flow = {
    ...menu,
    nodesById: new Map([
      [
        menu.nodes[0]!.id,
        {
          id: menu.nodes[0]!.id,
          type: "question",
          text: "x",
          options: [{ id: "go", label: "x", flow }],
        } as FlowNode,
      ],
    ]),
  };
  const result = step({ type: "choice", node: menu.nodes[0]!.id, option: "go" }, state, {
    ...ctx,
    bundle: createFlowBundle(
      new Map([...ctx.bundle.flows, [menu.id, jump]]).values(),
      ctx.bundle.settings,
      ctx.bundle.referrals,
    ),
  });
  // Drop the jump's own events (the menu's option and its hand-over), keep the fixture flow's.
  return { ...result, events: result.events.slice(2) };
}

describe.each(nodeTypes)("node type %s", (type) => {
  it("has a fixture", () => {
    expect(existsSync(fixture(type)), `add test/fixtures/nodes/${type}.yaml`).toBe(true);
  });
  if (!existsSync(fixture(type))) return;
  const spec = parse(readFileSync(fixture(type), "utf8")) as { flows: unknown[]; steps: Step[] };
  const ctx = contextFor(mini, spec.flows.map(toFlow));
  it("runs its steps", () => {
    let state: SessionState | null = null;
    spec.steps.forEach((s, i) => {
      const result: StepResult = s.start ? startAt(ctx, s.start, s.vars ?? {}) : step(s.input!, state, ctx);
      const label = `${type} step ${i + 1}`;
      if (s.says) expect(textKeys(result.outputs), label).toEqual(s.says);
      if (s.at !== undefined) expect(result.state.at?.node ?? null, label).toBe(s.at);
      if (s.vars && !s.start) expect(result.state.vars, label).toMatchObject(s.vars);
      if (s.events)
        expect(
          result.events.map((e) => e.type),
          label,
        ).toEqual(s.events);
      if (s.referrals) {
        const out = result.outputs.find((o) => o.type === "referrals");
        expect(
          out && {
            country: out.country,
            kinds: out.kinds,
            entries: out.entries.map((e) => e.id),
            fallback: out.fallback.map((e) => e.id),
            missing: out.missing,
          },
          label,
        ).toEqual(s.referrals);
      }
      state = result.state;
    });
  });
});
