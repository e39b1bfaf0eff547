/**
 * All counters within the filters, summed per UTC day, as CSV. Each row is a part of figures the
 * other reports show (per kind, per day, per flow version, per segment), so those sums take part
 * in suppression too: a small row cannot be recovered from a summary total.
 */
import type { Column, CounterStore } from "./counter-store.ts";
import type { ReportFilters } from "./report-filters.ts";
import { FigureTable } from "./suppression.ts";

const columns = ["kind", "flowId", "flowVersion", "node", "option", "nextNode", "detail", "directory", "channel", "locale", "country", "campaign"] as const satisfies readonly Column[];
const header = ["day", "kind", "flow", "flow_version", "node", "option", "next_node", "detail", "directory", "channel", "locale", "country", "campaign", "count"];
const kinds = ["conversation_started", "conversation_completed", "flow_started", "flow_completed", "node_entered", "node_waited", "option_chosen", "referral_shown", "not_understood", "keyword", "safeguarding_interrupt", "flow_restarted", "unsupported_input", "engine_error", "analytics_dropped"];

/** Sums other reports show, as the columns that identify them. */
const aggregates: ReadonlyArray<ReadonlyArray<string>> = [["kind"], ["kind", "day"], ["kind", "flowId", "flowVersion"], ["kind", "flowId", "flowVersion", "node", "option", "nextNode", "detail", "directory"], ["kind", "flowId"]];

export async function csvExport(store: CounterStore, filters: ReportFilters, minCount: number): Promise<string> {
  const rows = await store.sums(filters, kinds, columns);
  const table = new FigureTable();
  const parts = new Map<string, string[]>();
  rows.forEach((row, i) => {
    const rowId = table.set(`row:${i}`, row.count);
    for (const level of aggregates) {
      const total = `sum:${JSON.stringify(level.map((c) => row[c as keyof typeof row]))}:${level.join(",")}`;
      table.set(total, table.get(total) + row.count);
      (parts.get(total) ?? parts.set(total, []).get(total)!).push(rowId);
    }
  });
  for (const [total, rowIds] of parts) table.relate(total, rowIds);
  const shown = table.resolve(minCount);
  const lines = rows.map((row, i) => [row.day, ...columns.map((c) => row[c]), String(shown(`row:${i}`))].map(csvField).join(","));
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}

/** RFC 4180 quoting, and a leading ' for values a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
