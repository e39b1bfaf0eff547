/**
 * The summary staff read first: conversations started and completed, completion rate,
 * safeguarding interrupts, referrals shown by kind and directory, topics, and per day.
 * Figures come from the one suppression table all reports share (report-figures.ts).
 */
import type { CounterStore } from "./counter-store.ts";
import { ids, reportFigures, type ReportContent, type ReportFigures } from "./report-figures.ts";
import type { ReportFilters } from "./report-filters.ts";
import { rate, type Figure } from "./suppression.ts";

export interface SummaryReport {
  filters: ReportFilters;
  minCount: number;
  /** completionRate is null when no conversation started (0 of 0 is not 0%). */
  conversations: { started: Figure; completed: Figure; completionRate: Figure | null };
  safeguardingInterrupts: Figure;
  referrals: Array<{ kind: string; directory: string; shown: Figure }>;
  /** Topic flows (the main menu's), most started first. */
  topics: Array<{ flow: string; started: Figure; completed: Figure }>;
  perDay: Array<{ day: string; started: Figure; completed: Figure }>;
  /** Events not counted because the buffer was full during an outage (dates only; see report-figures.ts). */
  droppedEvents: number;
}

const topicLimit = 10;

export async function summaryReport(
  store: CounterStore,
  filters: ReportFilters,
  minCount: number,
  content: ReportContent = {},
): Promise<SummaryReport> {
  return summaryFrom(await reportFigures(store, filters, minCount), filters, minCount, content);
}

export function summaryFrom(
  figures: ReportFigures,
  filters: ReportFilters,
  minCount: number,
  content: ReportContent = {},
): SummaryReport {
  const { rows, shown } = figures;
  const isTopic = content.isTopic ?? (() => true);
  const days = [...new Set(rows.filter((r) => r.kind.startsWith("conversation_")).map((r) => r.day))].sort();
  const flows = [
    ...new Set(rows.filter((r) => r.kind === "flow_started" && isTopic(r.flowId)).map((r) => r.flowId)),
  ];
  // Ordered by what is shown, so the order never ranks suppressed figures against each other.
  const rank = (flow: string) => {
    const f = shown(ids.flow("flow_started", flow));
    return f === "suppressed" ? -1 : f;
  };
  const started = shown(ids.conversations("started"));
  const completed = shown(ids.conversations("completed"));
  return {
    filters,
    minCount,
    conversations: { started, completed, completionRate: rate(completed, started) },
    safeguardingInterrupts: shown("safeguarding_interrupt"),
    referrals: [
      ...new Set(
        rows.filter((r) => r.kind === "referral_shown").map((r) => JSON.stringify([r.detail, r.directory])),
      ),
    ]
      .sort()
      .map((k) => JSON.parse(k) as [string, string])
      .map(([kind, directory]) => ({ kind, directory, shown: shown(ids.referral(kind, directory)) })),
    topics: flows
      .sort((a, b) => rank(b) - rank(a) || a.localeCompare(b))
      .slice(0, topicLimit)
      .map((flow) => ({
        flow,
        started: shown(ids.flow("flow_started", flow)),
        completed: shown(ids.flow("flow_completed", flow)),
      })),
    perDay: days.map((day) => ({
      day,
      started: shown(ids.conversations("started", day)),
      completed: shown(ids.conversations("completed", day)),
    })),
    droppedEvents: figures.droppedEvents,
  };
}
