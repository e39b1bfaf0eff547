/**
 * One flow, per version (the one served now first, then newest activity first): starts and
 * completions, per node visits, drop-off and misunderstood answers, and per path segment
 * (node -> option -> next) choices. Figures come from the one suppression table all reports
 * share (report-figures.ts).
 *
 * Drop-off at a question = times a person was left waiting there minus answers chosen there: it
 * counts people who went quiet and those who left with a keyword (menu, help).
 */
import type { CounterStore } from "./counter-store.ts";
import {
  flowVersions,
  ids,
  reportFigures,
  type ReportContent,
  type ReportFigures,
} from "./report-figures.ts";
import type { ReportFilters } from "./report-filters.ts";
import type { Figure } from "./suppression.ts";

export interface FlowVersionReport {
  version: string;
  /** The version being served now (per the content, else the one with the newest activity). */
  current: boolean;
  firstDay: string;
  lastDay: string;
  started: Figure;
  completed: Figure;
  nodes: Array<{ node: string; visits: Figure; dropOff: Figure | null; notUnderstood: Figure }>;
  segments: Array<{ node: string; option: string; next: string; chosen: Figure }>;
}

export interface FlowReport {
  flow: string;
  filters: ReportFilters;
  minCount: number;
  total: { started: Figure; completed: Figure };
  versions: FlowVersionReport[];
}

export async function flowReport(
  store: CounterStore,
  flow: string,
  filters: ReportFilters,
  minCount: number,
  content: ReportContent = {},
): Promise<FlowReport> {
  return flowReportFrom(await reportFigures(store, filters, minCount), flow, filters, minCount, content);
}

export function flowReportFrom(
  figures: ReportFigures,
  flow: string,
  filters: ReportFilters,
  minCount: number,
  content: ReportContent = {},
): FlowReport {
  const { shown, value } = figures;
  const versions = [...(flowVersions(figures.rows).get(flow) ?? new Map())].sort(
    ([, a], [, b]) => b.lastDay.localeCompare(a.lastDay) || b.firstDay.localeCompare(a.firstDay),
  );
  const current = content.currentVersion?.(flow) ?? versions[0]?.[0];
  versions.sort(([a], [b]) => Number(b === current) - Number(a === current));
  return {
    flow,
    filters,
    minCount,
    total: {
      started: shown(ids.flow("flow_started", flow)),
      completed: shown(ids.flow("flow_completed", flow)),
    },
    versions: versions.map(([version, v]) => {
      const id = (kind: string, node = "", option = "", next = "") =>
        ids.version(flow, version, kind, node, option, next);
      return {
        version,
        current: version === current,
        firstDay: v.firstDay,
        lastDay: v.lastDay,
        started: shown(id("flow_started")),
        completed: shown(id("flow_completed")),
        nodes: [...v.nodes].sort().map((node) => ({
          node,
          visits: shown(id("node_entered", node)),
          dropOff: value(id("node_waited", node)) ? shown(id("drop_off", node)) : null,
          notUnderstood: shown(id("not_understood", node)),
        })),
        segments: [...v.segments].sort().map((s) => {
          const [node, option, next] = JSON.parse(s) as [string, string, string];
          return { node, option, next, chosen: shown(id("option_chosen", node, option, next)) };
        }),
      };
    }),
  };
}
