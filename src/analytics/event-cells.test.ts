import { describe, expect, it } from "vitest";
import type { EngineEvent, PathSegment, Waiting } from "../engine/index.ts";
import { turnOf } from "../../test/support/turn.ts";
import { eventCells } from "./event-cells.ts";
import { cleanDimensions, flowVersion } from "./clean-dimensions.ts";

const dims = { channel: "telegram", locale: "en", country: "NL", campaign: "school" };
const at = new Date("2025-03-04T10:42:17.123Z");
const school = (c: string) => c === "school";
/** Real flow versions (sha256 prefixes) with six digits in a row: versions, not phone numbers. */
const v1 = "281213d90d3c";
const v2 = "0123456789ab";
const kinds = (events: EngineEvent[], more: { path?: PathSegment[]; waiting?: Waiting } = {}) =>
  eventCells(turnOf(events, more), dims, at, school).map((c) => c.kind);
const cells = (events: EngineEvent[]) => eventCells(turnOf(events), dims, at);

describe("eventCells", () => {
  it("keeps only the hour, never the exact time", () => {
    const [cell] = cells([{ type: "conversation_started" }]);
    expect(cell!.bucket.toISOString()).toBe("2025-03-04T10:00:00.000Z");
  });

  it("maps an answer to its path segment, and counts it from the path alone", () => {
    const answer: PathSegment = {
      flow: "menu",
      version: v1,
      node: "pick",
      exit: { kind: "option", option: "tips" },
      to: { kind: "flow", flow: "tips" },
    };
    const chosen: EngineEvent = {
      type: "option_chosen",
      flow: "menu",
      version: v1,
      node: "pick",
      option: "tips",
    };
    const [cell, ...others] = eventCells(turnOf([chosen], { path: [answer] }), dims, at);
    expect(others).toEqual([]);
    expect(cell).toMatchObject({
      kind: "option_chosen",
      flowId: "menu",
      flowVersion: v1,
      node: "pick",
      option: "tips",
      nextNode: "flow:tips",
      channel: "telegram",
      country: "NL",
      campaign: "other",
    });
    expect(eventCells(turnOf([{ type: "conversation_started" }]), dims, at, school)[0]!.campaign).toBe(
      "school",
    );
  });

  it("stores where an answer led as flows write it, and counts no other segments", () => {
    const segment = (to: PathSegment["to"], option?: string): PathSegment => ({
      flow: "tips",
      version: v1,
      node: "more",
      exit: option ? { kind: "option", option } : { kind: "continue" },
      to,
    });
    const path = [
      segment({ kind: "node", node: "two" }, "next"),
      segment({ kind: "menu" }, "menu"),
      segment({ kind: "stop" }, "bye"),
      segment({ kind: "node", node: "two" }),
    ];
    const found = eventCells(turnOf([], { path }), dims, at);
    expect(found.map((c) => [c.kind, c.option, c.nextNode])).toEqual([
      ["option_chosen", "next", "two"],
      ["option_chosen", "menu", "@menu"],
      ["option_chosen", "bye", "@stop"],
    ]);
  });

  it("counts the question the turn brought the person to as waited, not one asked again", () => {
    const events: EngineEvent[] = [
      { type: "flow_started", flow: "tips", version: "v1" },
      { type: "node_entered", flow: "tips", version: "v1", node: "one" },
      { type: "node_entered", flow: "tips", version: "v1", node: "more" },
    ];
    const waiting = (arrived: boolean): Waiting => ({
      kind: "question",
      flow: "tips",
      version: "v1",
      node: "more",
      arrived,
    });
    const waited = eventCells(turnOf(events, { waiting: waiting(true) }), dims, at).filter(
      (c) => c.kind === "node_waited",
    );
    expect(waited.map((c) => c.node)).toEqual(["more"]);
    expect(kinds([], { waiting: waiting(false) })).toEqual([]);
    expect(kinds(events, { waiting: { kind: "erase_confirmation" } })).not.toContain("node_waited");
    expect(kinds(events)).not.toContain("conversation_completed");
  });

  it("counts the engine's conversation_completed under the topic that completed it", () => {
    const events: EngineEvent[] = [
      { type: "node_entered", flow: "tips", version: v1, node: "last" },
      { type: "flow_completed", flow: "tips", version: v1 },
      { type: "conversation_completed", flow: "tips" },
    ];
    const found = cells(events);
    expect(found.map((c) => c.kind)).toEqual(["node_entered", "flow_completed", "conversation_completed"]);
    expect(found[2]).toMatchObject({ flowId: "tips", flowVersion: "" });
  });

  it("derives no completion itself: a flow end, @stop or a called flow are not completed conversations", () => {
    expect(
      kinds([
        { type: "node_entered", flow: "f", version: v1, node: "last" },
        { type: "flow_completed", flow: "f", version: v1 },
      ]),
    ).not.toContain("conversation_completed");
    const called: EngineEvent[] = [
      { type: "flow_completed", flow: "feedback", version: v1 },
      { type: "flow_started", flow: "menu", version: v1 },
      { type: "node_entered", flow: "menu", version: v1, node: "pick" },
    ];
    const atMenu: Waiting = { kind: "question", flow: "menu", version: v1, node: "pick", arrived: true };
    expect(kinds(called, { waiting: atMenu })).toEqual([
      "flow_completed",
      "flow_started",
      "node_entered",
      "node_waited",
    ]);
    expect(kinds([{ type: "keyword", keyword: "stop" }])).toEqual(["keyword"]);
  });

  it("keeps flow versions that hold six digits in a row (content hashes, not phone numbers)", () => {
    for (const version of [v1, v2, "9876543210ff"]) {
      const [cell] = cells([{ type: "flow_started", flow: "welcome", version }]);
      expect(cell!.flowVersion).toBe(version);
    }
    expect(flowVersion("v1")).toBe("other");
    expect(flowVersion("281213D90D3C")).toBe("other");
    expect(flowVersion("281213d90d3c0")).toBe("other");
  });

  it("keeps ids staff wrote even with digits; checks the channel's words for numbers", () => {
    const [node, unsupported] = cells([
      { type: "node_entered", flow: "tips", version: v1, node: "step_2024001" },
      { type: "unsupported_input", kind: "sticker_31612345678" },
    ]);
    expect(node!.node).toBe("step_2024001");
    expect(unsupported!.detail).toBe("other");
  });

  it("stores referral kind and the directory used, not the text shown", () => {
    const [own, fallback] = cells([
      {
        type: "referral_shown",
        flow: "help",
        version: "v1",
        kind: "child_helpline",
        country: "NL",
        fallback: false,
      },
      {
        type: "referral_shown",
        flow: "help",
        version: "v1",
        kind: "online_report",
        country: "NL",
        fallback: true,
      },
    ]);
    expect([own!.detail, own!.directory, fallback!.directory]).toEqual([
      "child_helpline",
      "NL",
      "international",
    ]);
  });

  it("never stores an engine error's reason", () => {
    const [cell] = cells([{ type: "engine_error", reason: "unknown node Jane in flow x" }]);
    expect(JSON.stringify(cell)).not.toContain("Jane");
  });

  it("replaces values that could carry a person's words or number with 'other'", () => {
    const [cell] = eventCells(
      turnOf([{ type: "unsupported_input", kind: "photo of Jane +31612345678" }]),
      { channel: "telegram", locale: "en", country: "Amsterdam", campaign: "31612345678" },
      at,
    );
    expect(cell).toMatchObject({ detail: "other", country: "other", campaign: "other" });
  });

  it("places a safeguarding interrupt at the question the person was at, or nowhere before any", () => {
    const [atQuestion, before] = cells([
      { type: "safeguarding_interrupt", at: { flow: "tips", version: v1, node: "more" } },
      { type: "safeguarding_interrupt", at: null },
    ]);
    expect(atQuestion).toMatchObject({ flowId: "tips", flowVersion: v1, node: "more" });
    expect(before).toMatchObject({ flowId: "", flowVersion: "", node: "" });
  });
});

describe("cleanDimensions", () => {
  it("keeps the codes the product uses", () => {
    expect(
      cleanDimensions(
        { channel: "whatsapp_cloud", locale: "pt-BR", country: "international", campaign: "rio2026" },
        (c) => c === "rio2026",
      ),
    ).toEqual({ channel: "whatsapp_cloud", locale: "pt-BR", country: "international", campaign: "rio2026" });
  });
  it("keeps only listed campaigns: a deep link can carry a name", () => {
    const listed = (c: string) => c === "rio2026";
    expect(cleanDimensions({ ...dims, campaign: "Wilhelmina" }, listed).campaign).toBe("other");
    expect(cleanDimensions({ ...dims, campaign: "" }, listed).campaign).toBe("");
    expect(cleanDimensions({ ...dims, campaign: "rio2026" }).campaign).toBe("other"); // no list, no names
  });
  it("turns free text into other", () => {
    expect(
      cleanDimensions({ channel: "Jane Doe", locale: "hello there", country: "nl", campaign: "a b" }),
    ).toEqual({ channel: "other", locale: "other", country: "other", campaign: "other" });
  });
});
