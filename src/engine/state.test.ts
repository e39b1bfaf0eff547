import { describe, expect, it } from "vitest";
import { contextFor, loadOk, miniDir } from "../../test/support/content.ts";
import { freshState, parseSessionState } from "./state.ts";
import { step } from "./step.ts";
import { sessionStateVersion } from "./types.ts";

const mini = loadOk(miniDir);
const ctx = contextFor(mini);
const version = (flow: string) => mini.bundle.flows.get(flow)!.version;

/** A session stored by the previous version while the person was choosing a language. */
const storedV1 = () => ({
  v: 1,
  at: { flow: "language", node: "pick", version: version("language") },
  stack: [
    { flow: "menu", node: "#menu", version: version("menu") },
    { flow: "tips", node: "more", version: version("tips") },
  ],
  vars: { language: "en", country: "NL" },
  misses: 0,
  done: false,
  history: [],
  resume: {
    at: { flow: "tips", node: "more", version: version("tips") },
    stack: [{ flow: "menu", node: "#menu", version: "old" }],
  },
});

describe("session state", () => {
  it("reads its own version back unchanged", () => {
    const state = { ...freshState({ language: "en" }), stack: [{ kind: "menu" as const }] };
    expect(parseSessionState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it("migrates the previous version: return points become typed, the menu marker a menu point", () => {
    const migrated = parseSessionState(storedV1());
    expect(migrated).toMatchObject({
      v: sessionStateVersion,
      stack: [{ kind: "menu" }, { kind: "target", flow: "tips", version: version("tips"), target: "more" }],
      resume: { stack: [{ kind: "menu" }] },
      vars: { language: "en", country: "NL" },
    });
    expect(JSON.stringify(migrated)).not.toContain("#menu");
  });

  it("lets a migrated conversation go on where it was", () => {
    const result = step({ type: "text", text: "2" }, parseSessionState(storedV1()), ctx);
    expect(result.state.vars.language).toBe("nl");
    expect(result.state.at).toMatchObject({ flow: "tips", node: "more" });
    expect(result.state.stack).toEqual([{ kind: "menu" }]);
  });

  it("drops state of an unknown version or shape, so the person starts afresh", () => {
    expect(parseSessionState({ ...storedV1(), v: 3 })).toBeNull();
    expect(
      parseSessionState({ ...freshState({}), stack: [{ flow: "menu", node: "#menu", version: "x" }] }),
    ).toBeNull();
    expect(parseSessionState({ ...storedV1(), stack: [{ kind: "menu" }] })).toBeNull();
    expect(parseSessionState("garbage")).toBeNull();
    expect(parseSessionState(null)).toBeNull();
  });
});
