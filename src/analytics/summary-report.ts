/**
 * The summary staff read first: conversations started and completed, completion rate,
 * safeguarding interrupts, referrals shown by kind and directory, top topics, and per day.
 * Every figure passes small-cell suppression, including those subtraction would reveal.
 */
import type { CounterStore } from "./counter-store.ts";
import type { ReportFilters } from "./report-filters.ts";
import { FigureTable, rate, type Figure } from "./suppression.ts";

export interface SummaryReport {
  filters: ReportFilters;
  minCount: number;
  conversations: { started: Figure; completed: Figure; completionRate: Figure };
  safeguardingInterrupts: Figure;
  referrals: Array<{ kind: string; directory: string; shown: Figure }>;
  topics: Array<{ flow: string; started: Figure; completed: Figure }>;
  perDay: Array<{ day: string; started: Figure; completed: Figure }>;
}

const kinds = ["conversation_started", "conversation_completed", "safeguarding_interrupt", "referral_shown", "flow_started", "flow_completed"];
const topicLimit = 10;

export async function summaryReport(store: CounterStore, filters: ReportFilters, minCount: number): Promise<SummaryReport> {
  const rows = await store.sums(filters, kinds, ["kind", "flowId", "detail", "directory"]);
  const table = new FigureTable();
  const add = (id: string, count: number) => table.set(id, table.get(id) + count);
  for (const r of rows) {
    if (r.kind === "conversation_started" || r.kind === "conversation_completed") {
      add(r.kind, r.count);
      add(`${r.kind}@${r.day}`, r.count);
    } else if (r.kind === "referral_shown") add(`referral:${r.detail}:${r.directory}`, r.count);
    else if (r.kind === "flow_started" || r.kind === "flow_completed") add(`${r.kind}:${r.flowId}`, r.count);
    else add(r.kind, r.count);
  }
  const days = [...new Set(rows.filter((r) => r.kind.startsWith("conversation_")).map((r) => r.day))].sort();
  const flows = [...new Set(rows.filter((r) => r.kind === "flow_started").map((r) => r.flowId))];
  table.relate("conversation_started", days.map((d) => `conversation_started@${d}`));
  table.relate("conversation_completed", days.map((d) => `conversation_completed@${d}`));
  table.relateWithRemainder("conversation_started", ["conversation_completed"], "not_completed");
  for (const d of days) table.relateWithRemainder(`conversation_started@${d}`, [`conversation_completed@${d}`], `not_completed@${d}`);
  for (const f of flows) table.relateWithRemainder(`flow_started:${f}`, [`flow_completed:${f}`], `flow_not_completed:${f}`);
  const shown = table.resolve(minCount);

  // Ordered by what is shown, so the order never ranks suppressed figures against each other.
  const rank = (flow: string) => { const f = shown(`flow_started:${flow}`); return f === "suppressed" ? -1 : f; };
  const started = shown("conversation_started");
  const completed = shown("conversation_completed");
  return {
    filters,
    minCount,
    conversations: { started, completed, completionRate: rate(completed, started) },
    safeguardingInterrupts: shown("safeguarding_interrupt"),
    referrals: [...new Set(rows.filter((r) => r.kind === "referral_shown").map((r) => `${r.detail}:${r.directory}`))]
      .sort()
      .map((k) => ({ kind: k.split(":")[0]!, directory: k.split(":")[1]!, shown: shown(`referral:${k}`) })),
    topics: flows
      .sort((a, b) => rank(b) - rank(a) || a.localeCompare(b))
      .slice(0, topicLimit)
      .map((flow) => ({ flow, started: shown(`flow_started:${flow}`), completed: shown(`flow_completed:${flow}`) })),
    perDay: days.map((day) => ({ day, started: shown(`conversation_started@${day}`), completed: shown(`conversation_completed@${day}`) })),
  };
}
