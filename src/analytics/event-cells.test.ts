import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/index.ts";
import { eventCells } from "./event-cells.ts";
import { cleanDimensions, flowVersion } from "./clean-dimensions.ts";

const dims = { channel: "telegram", locale: "en", country: "NL", campaign: "school" };
const at = new Date("2025-03-04T10:42:17.123Z");
const school = (c: string) => c === "school";
/** Real flow versions (sha256 prefixes) with six digits in a row: versions, not phone numbers. */
const v1 = "281213d90d3c";
const v2 = "0123456789ab";
const kinds = (events: EngineEvent[]) => eventCells(events, dims, at, school).map((c) => c.kind);

describe("eventCells", () => {
  it("keeps only the hour, never the exact time", () => {
    const [cell] = eventCells([{ type: "conversation_started" }], dims, at);
    expect(cell!.bucket.toISOString()).toBe("2025-03-04T10:00:00.000Z");
  });

  it("maps an option choice to its path segment", () => {
    const [cell] = eventCells(
      [{ type: "option_chosen", flow: "menu", version: v1, node: "pick", option: "tips", next: "flow:tips" }],
      dims,
      at,
    );
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
    expect(eventCells([{ type: "conversation_started" }], dims, at, school)[0]!.campaign).toBe("school");
  });

  it("counts the question the person is left at as waited", () => {
    const events: EngineEvent[] = [
      { type: "flow_started", flow: "tips", version: "v1" },
      { type: "node_entered", flow: "tips", version: "v1", node: "one" },
      { type: "node_entered", flow: "tips", version: "v1", node: "more" },
    ];
    const waited = eventCells(events, dims, at).filter((c) => c.kind === "node_waited");
    expect(waited.map((c) => c.node)).toEqual(["more"]);
    expect(kinds(events)).not.toContain("conversation_completed");
  });

  it("counts the engine's conversation_completed under the topic that completed it", () => {
    const events: EngineEvent[] = [
      { type: "node_entered", flow: "tips", version: v1, node: "last" },
      { type: "flow_completed", flow: "tips", version: v1 },
      { type: "conversation_completed", flow: "tips" },
    ];
    const cells = eventCells(events, dims, at);
    expect(cells.map((c) => c.kind)).toEqual(["node_entered", "flow_completed", "conversation_completed"]);
    expect(cells[2]).toMatchObject({ flowId: "tips", flowVersion: "" });
  });

  it("derives no completion itself: a flow end, @stop or a called flow are not completed conversations", () => {
    expect(
      kinds([
        { type: "node_entered", flow: "f", version: v1, node: "last" },
        { type: "flow_completed", flow: "f", version: v1 },
      ]),
    ).not.toContain("conversation_completed");
    expect(
      kinds([
        { type: "option_chosen", flow: "menu", version: v1, node: "pick", option: "bye", next: "@stop" },
      ]),
    ).toEqual(["option_chosen"]);
    const called: EngineEvent[] = [
      { type: "flow_completed", flow: "feedback", version: v1 },
      { type: "flow_started", flow: "menu", version: v1 },
      { type: "node_entered", flow: "menu", version: v1, node: "pick" },
    ];
    expect(kinds(called)).toEqual(["flow_completed", "flow_started", "node_entered", "node_waited"]);
    expect(kinds([{ type: "keyword", keyword: "stop" }])).toEqual(["keyword"]);
  });

  it("keeps flow versions that hold six digits in a row (content hashes, not phone numbers)", () => {
    for (const version of [v1, v2, "9876543210ff"]) {
      const [cell] = eventCells([{ type: "flow_started", flow: "welcome", version }], dims, at);
      expect(cell!.flowVersion).toBe(version);
    }
    expect(flowVersion("v1")).toBe("other");
    expect(flowVersion("281213D90D3C")).toBe("other");
    expect(flowVersion("281213d90d3c0")).toBe("other");
  });

  it("keeps ids staff wrote even with digits; checks the channel's words for numbers", () => {
    const [node, unsupported] = eventCells(
      [
        { type: "node_entered", flow: "tips", version: v1, node: "step_2024001" },
        { type: "unsupported_input", kind: "sticker_31612345678" },
      ],
      dims,
      at,
    );
    expect(node!.node).toBe("step_2024001");
    expect(unsupported!.detail).toBe("other");
  });

  it("stores referral kind and the directory used, not the text shown", () => {
    const [own, fallback] = eventCells(
      [
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
      ],
      dims,
      at,
    );
    expect([own!.detail, own!.directory, fallback!.directory]).toEqual([
      "child_helpline",
      "NL",
      "international",
    ]);
  });

  it("never stores an engine error's reason", () => {
    const [cell] = eventCells([{ type: "engine_error", reason: "unknown node Jane in flow x" }], dims, at);
    expect(JSON.stringify(cell)).not.toContain("Jane");
  });

  it("replaces values that could carry a person's words or number with 'other'", () => {
    const [cell] = eventCells(
      [{ type: "unsupported_input", kind: "photo of Jane +31612345678" }],
      { channel: "telegram", locale: "en", country: "Amsterdam", campaign: "31612345678" },
      at,
    );
    expect(cell).toMatchObject({ detail: "other", country: "other", campaign: "other" });
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
