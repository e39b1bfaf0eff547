import { describe, expect, it } from "vitest";
import { join } from "node:path";
import type { FlowReport } from "../../analytics/flow-report.ts";
import { fixedContent } from "../../content/content-source.ts";
import { loadOk, miniDir, shippedDir } from "../../../test/support/content.ts";
import { testShell } from "../../../test/support/console/testing-shell.tsx";
import { flowMapPage } from "./flow-map-page.tsx";

const content = loadOk(miniDir);
const served = content.bundle.flows.get("menu")!.version;

/** Figures as the flow report gives them: 7 visits, a suppressed drop-off and a suppressed choice. */
const report: FlowReport = {
  flow: "menu",
  filters: {},
  minCount: 5,
  total: { started: 7, completed: 6 },
  versions: [
    {
      version: served,
      current: true,
      firstDay: "2026-11-01",
      lastDay: "2026-11-30",
      started: 7,
      completed: 6,
      nodes: [{ node: "pick", visits: 7, dropOff: "suppressed", notUnderstood: 0 }],
      segments: [
        { node: "pick", option: "tips", next: "flow:tips", chosen: 5 },
        { node: "pick", option: "get_help", next: "flow:help", chosen: "suppressed" },
      ],
    },
    {
      version: "0123456789ab",
      current: false,
      firstDay: "2026-10-01",
      lastDay: "2026-10-20",
      started: 12,
      completed: 12,
      nodes: [{ node: "old_pick", visits: 12, dropOff: 0, notUnderstood: 0 }],
      segments: [],
    },
  ],
};

function app(flowReport?: (flow: string) => Promise<FlowReport>) {
  return testShell({
    "/console/flows": flowMapPage({
      content: fixedContent(content),
      flowsDir: join(miniDir, "flows"),
      ...(flowReport ? { flowReport } : {}),
    }),
  });
}

describe("flow map page", () => {
  it("lists every flow with a link to its map and its role", async () => {
    const res = await app().request("/console/flows");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const id of content.bundle.flows.keys()) expect(html).toContain(`href="/console/flows/${id}"`);
    expect(html).toContain("main menu");
  });

  it("draws a flow as SVG: options as labelled edges, other flows as links, special targets", async () => {
    const html = await (await app(async () => report).request("/console/flows/menu")).text();
    expect(html).toContain("<svg");
    expect(html).not.toContain("<?xml");
    // The option labels in English, as people see them, on the edges.
    expect(html).toContain(content.translator.t("en", "menu:tips"));
    expect(html).toMatch(/xlink:href="\/console\/flows\/tips"/);
    expect(html).toMatch(/xlink:href="\/console\/flows\/help"/);
    expect(html).toContain("@stop");
  });

  it("shows visits and choices, and suppressed figures only as 'fewer than N'", async () => {
    // Graphviz writes "-" as &#45; in SVG text.
    const html = (await (await app(async () => report).request("/console/flows/menu")).text()).replaceAll(
      "&#45;",
      "-",
    );
    expect(html).toContain("visits 7");
    expect(html).toContain("chosen 5");
    expect(html).toContain("drop-off fewer than 5");
    expect(html).toContain("chosen fewer than 5");
    expect(html).not.toContain("suppressed");
  });

  it("shows an earlier version's figures on request, with nodes that are gone", async () => {
    const html = await (
      await app(async () => report).request("/console/flows/menu?version=0123456789ab")
    ).text();
    expect(html).toContain("visits 0");
    expect(html).toContain("old_pick");
    expect(html).toContain("earlier version");
  });

  it("draws the map without figures when analytics are unavailable", async () => {
    const res = await app(async () => {
      throw new Error("database not open");
    }).request("/console/flows/menu");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<svg");
    expect(html).toContain("Figures are not available");
  });

  it("opens a node: its texts in the chosen language and the file:line it is written at", async () => {
    const html = await (await app().request("/console/flows/tips?node=more&lang=nl")).text();
    expect(html).toContain('id="node-details"');
    expect(html).toMatch(/flows\/tips\.yaml:\d+/);
    const line = Number(/flows\/tips\.yaml:(\d+)/.exec(html)![1]);
    const file = (await import("node:fs")).readFileSync(join(miniDir, "flows", "tips.yaml"), "utf8");
    expect(file.split("\n")[line - 1]).toContain("id: more");
    expect(html).toContain(content.translator.t("nl", "tips:more"));
    expect(html).toMatch(/<option value="nl" selected/);
  });

  it("draws every shipped flow, each node linked to its details", async () => {
    const shipped = loadOk(shippedDir);
    const shippedApp = testShell({
      "/console/flows": flowMapPage({ content: fixedContent(shipped), flowsDir: join(shippedDir, "flows") }),
    });
    for (const flow of shipped.bundle.flows.values()) {
      const res = await shippedApp.request(`/console/flows/${flow.id}`);
      expect(res.status, flow.id).toBe(200);
      const html = await res.text();
      for (const node of flow.nodes)
        expect(html, `${flow.id}/${node.id}`).toContain(`?node=${node.id}#node-details`);
    }
  });

  it("answers 404 for a flow that does not exist", async () => {
    expect((await app().request("/console/flows/nope")).status).toBe(404);
  });
});
