/**
 * PRIVACY: the CSV export reveals nothing the JSON reports do not show. Brute force over small
 * tables: whatever the counts, the CSV holds exactly the reports' figures (same suppression), and
 * no suppressed figure can be recomputed from shown ones along the relations a reader knows.
 */
import { describe, expect, it } from "vitest";
import type { CounterStore } from "./counter-store.ts";
import { csvHeader, reportLines } from "./csv-export.ts";
import { flowReport } from "./flow-report.ts";
import { analyticsRoutes } from "./http/analytics-routes.ts";
import { summaryReport } from "./summary-report.ts";

const k = 5;
const token = "a-long-admin-token-for-tests";
const v = "281213d90d3c";
type Row = Record<string, string | number>;
const row = (day: string, kind: string, count: number, at: Row = {}): Row => ({
  day,
  kind,
  flowId: "",
  flowVersion: "",
  node: "",
  option: "",
  nextNode: "",
  detail: "",
  directory: "",
  count,
  ...at,
});

function fakeStore(rows: Row[]): CounterStore {
  return {
    writes: 0,
    increment: async () => {},
    deleteBefore: async () => 0,
    ping: async () => {},
    sums: async (_f, kinds) => rows.filter((r) => kinds.includes(String(r.kind))) as never,
  };
}

/** Two days of conversations and one flow question with two answers; counts chosen by the loop. */
function table(
  started: [number, number],
  completed: [number, number],
  answers: [number, number],
  waited: number,
): Row[] {
  const q = { flowId: "tips", flowVersion: v, node: "more" };
  const visits = answers[0] + answers[1] + waited;
  return [
    row("2025-01-01", "conversation_started", started[0]),
    row("2025-01-02", "conversation_started", started[1]),
    row("2025-01-01", "conversation_completed", completed[0]),
    row("2025-01-02", "conversation_completed", completed[1]),
    row("2025-01-01", "flow_started", visits, { flowId: "tips", flowVersion: v }),
    row("2025-01-01", "flow_completed", answers[0], { flowId: "tips", flowVersion: v }),
    row("2025-01-01", "node_entered", visits, q),
    row("2025-01-01", "node_waited", visits, q),
    row("2025-01-01", "option_chosen", answers[0], { ...q, option: "next", nextNode: "@end" }),
    row("2025-01-01", "option_chosen", answers[1], { ...q, option: "menu", nextNode: "@menu" }),
  ].filter((r) => Number(r.count) > 0);
}

function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split("\r\n");
  expect(header).toBe(csvHeader.join(","));
  return lines.map((l) =>
    Object.fromEntries(l.split(",").map((cell, i) => [csvHeader[i]!, cell.replace(/^'(?=[=+\-@])/, "")])),
  );
}

/** The relations a reader knows; a group with exactly one figure hidden gives it away. */
function assertNothingDerivable(lines: Array<Record<string, string>>, context: string): void {
  const num = (figure: string, where: Record<string, string> = {}) =>
    lines.find(
      (l) =>
        l.figure === figure &&
        Object.entries({ day: "", flow: "", version: "", node: "", option: "", ...where }).every(
          ([c, x]) => l[c] === x,
        ),
    )?.value;
  const small = (n: number) => n > 0 && n < k;
  const diff = (a: string | undefined, b: string | undefined) =>
    a && b && a !== "suppressed" && b !== "suppressed" ? Number(a) - Number(b) : undefined;
  const checks: Array<[string, number | undefined]> = [
    ["not completed", diff(num("conversations_started"), num("conversations_completed"))],
  ];
  for (const day of ["2025-01-01", "2025-01-02"])
    checks.push([
      `not completed ${day}`,
      diff(num("conversations_started", { day }), num("conversations_completed", { day })),
    ]);
  checks.push([
    "flow not completed",
    diff(
      num("flow_started", { flow: "tips", version: v }),
      num("flow_completed", { flow: "tips", version: v }),
    ),
  ]);
  const visits = num("node_visits", { flow: "tips", version: v, node: "more" });
  const parts = ["next", "menu"]
    .map((option) => num("option_chosen", { flow: "tips", version: v, node: "more", option }))
    .concat(num("node_drop_off", { flow: "tips", version: v, node: "more" }));
  if (visits && visits !== "suppressed" && parts.filter((p) => p === "suppressed").length === 0)
    checks.push(["passing through", Number(visits) - parts.reduce((s, p) => s + Number(p ?? 0), 0)]);
  for (const kind of ["conversations_started", "conversations_completed"]) {
    const days = ["2025-01-01", "2025-01-02"].map((day) => num(kind, { day }));
    const total = num(kind);
    if (total && total !== "suppressed" && days.filter((d) => d === "suppressed").length === 1)
      checks.push([
        `${kind} of one day`,
        Number(total) - days.reduce((s, d) => s + (d && d !== "suppressed" ? Number(d) : 0), 0),
      ]);
  }
  for (const [what, value] of checks)
    expect(value !== undefined && small(value), `${context}: ${what} = ${value} can be derived`).toBe(false);
}

describe("CSV export privacy", () => {
  it("the old leak: 20 started, 17 completed; the CSV does not show the 17", async () => {
    const app = analyticsRoutes({
      store: fakeStore(table([20, 0], [17, 0], [6, 6], 6)),
      adminToken: token,
      minCount: k,
    });
    const csv = parseCsv(
      await (await app.request("/export.csv", { headers: { authorization: `Bearer ${token}` } })).text(),
    );
    expect(csv.find((l) => l.figure === "conversations_completed" && !l.day)?.value).toBe("suppressed");
    expect(csv.some((l) => l.figure?.includes("waited"))).toBe(false);
  });

  it("holds exactly the figures of the summary and flow reports, and none can be derived when suppressed", async () => {
    const counts = [0, 1, 3, 5, 7];
    let tables = 0;
    for (const s0 of [6, 12])
      for (const c0 of counts)
        for (const s1 of counts)
          for (const c1 of [0, 1])
            for (const a0 of counts)
              for (const w of [0, 2, 6]) {
                if (c0 > s0 || c1 > s1) continue;
                const rows = table([s0, s1], [c0, c1], [a0, 6], w);
                const store = fakeStore(rows);
                const app = analyticsRoutes({ store, adminToken: token, minCount: k });
                const csv = parseCsv(
                  await (
                    await app.request("/export.csv", { headers: { authorization: `Bearer ${token}` } })
                  ).text(),
                );
                const summary = await summaryReport(store, {}, k);
                const expected = reportLines(summary, [await flowReport(store, "tips", {}, k)]).map((l) => ({
                  ...Object.fromEntries(csvHeader.map((c) => [c, ""])),
                  ...l,
                  value: l.value === null ? "" : String(l.value),
                }));
                const context = JSON.stringify({ s0, c0, s1, c1, a0, w });
                expect(csv, context).toEqual(expected);
                assertNothingDerivable(csv, context);
                tables++;
              }
    expect(tables).toBeGreaterThan(300);
  });
});
