/**
 * The reports as CSV: exactly the figures the summary and every flow's report show, with the same
 * suppression (one shared table, report-figures.ts), one figure per line. Nothing else: no raw
 * counter rows, no internal counts such as node_waited, so the file cannot reveal a suppressed
 * figure by subtraction any more than the reports can.
 */
import type { CounterStore } from "./counter-store.ts";
import { flowReportFrom } from "./flow-report.ts";
import { flowVersions, reportFigures, type ReportContent } from "./report-figures.ts";
import type { ReportFilters } from "./report-filters.ts";
import { summaryFrom } from "./summary-report.ts";
import type { Figure } from "./suppression.ts";

export const csvHeader = [
  "figure",
  "day",
  "flow",
  "version",
  "current",
  "node",
  "option",
  "next_node",
  "referral_kind",
  "directory",
  "value",
] as const;
type Column = Exclude<(typeof csvHeader)[number], "value">;
export type CsvLine = Partial<Record<Column, string>> & { figure: string; value: Figure | null };

export async function csvExport(
  store: CounterStore,
  filters: ReportFilters,
  minCount: number,
  content: ReportContent = {},
): Promise<string> {
  const figures = await reportFigures(store, filters, minCount);
  const lines = reportLines(
    summaryFrom(figures, filters, minCount, content),
    [...flowVersions(figures.rows).keys()]
      .sort()
      .map((flow) => flowReportFrom(figures, flow, filters, minCount, content)),
  );
  return (
    [
      csvHeader.join(","),
      ...lines.map((l) =>
        [...csvHeader.slice(0, -1).map((c) => l[c as Column] ?? ""), l.value === null ? "" : String(l.value)]
          .map(csvField)
          .join(","),
      ),
    ].join("\r\n") + "\r\n"
  );
}

/** The reports' figures, flattened: what the CSV holds (exported for the privacy test). */
export function reportLines(
  summary: ReturnType<typeof summaryFrom>,
  flows: ReadonlyArray<ReturnType<typeof flowReportFrom>>,
): CsvLine[] {
  const c = summary.conversations;
  const lines: CsvLine[] = [
    { figure: "conversations_started", value: c.started },
    { figure: "conversations_completed", value: c.completed },
    { figure: "completion_rate", value: c.completionRate },
    { figure: "safeguarding_interrupts", value: summary.safeguardingInterrupts },
    { figure: "analytics_dropped_events", value: summary.droppedEvents },
    ...summary.perDay.flatMap((d) => [
      { figure: "conversations_started", day: d.day, value: d.started },
      { figure: "conversations_completed", day: d.day, value: d.completed },
    ]),
    ...summary.referrals.map((r) => ({
      figure: "referrals_shown",
      referral_kind: r.kind,
      directory: r.directory,
      value: r.shown,
    })),
    ...summary.topics.flatMap((t) => [
      { figure: "topic_started", flow: t.flow, value: t.started },
      { figure: "topic_completed", flow: t.flow, value: t.completed },
    ]),
  ];
  for (const f of flows) {
    lines.push(
      { figure: "flow_started", flow: f.flow, value: f.total.started },
      { figure: "flow_completed", flow: f.flow, value: f.total.completed },
    );
    for (const v of f.versions) {
      const at = { flow: f.flow, version: v.version, current: v.current ? "yes" : "" };
      lines.push(
        { figure: "flow_started", ...at, value: v.started },
        { figure: "flow_completed", ...at, value: v.completed },
      );
      for (const n of v.nodes) {
        lines.push(
          { figure: "node_visits", ...at, node: n.node, value: n.visits },
          { figure: "node_not_understood", ...at, node: n.node, value: n.notUnderstood },
        );
        if (n.dropOff !== null)
          lines.push({ figure: "node_drop_off", ...at, node: n.node, value: n.dropOff });
      }
      for (const s of v.segments)
        lines.push({
          figure: "option_chosen",
          ...at,
          node: s.node,
          option: s.option,
          next_node: s.next,
          value: s.chosen,
        });
    }
  }
  return lines;
}

/** RFC 4180 quoting, and a leading ' for values a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
