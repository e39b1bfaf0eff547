/**
 * Every figure the reports show, with every relation a reader could subtract along, in ONE
 * suppression table: the summary, each flow's report and the CSV export all read from it, so a
 * figure hidden in one can never be recovered from another (the CSV is only these figures).
 *
 * Relations: conversations started = completed + not completed (in total and per day), the
 * period = the sum of its days, a flow's starts and completions = the sum over its versions,
 * starts = completions + the rest; per node: visits = answers + drop-off + passing through, and
 * visits = arrivals by each option + other arrivals.
 */
import type { CounterStore, Sums } from "./counter-store.ts";
import type { ReportFilters } from "./report-filters.ts";
import { FigureTable, type Figure } from "./suppression.ts";

/** What reports need to know about the content being served (from the composition root). */
export interface ReportContent {
  /** Topics are the flows the main menu leads to; the summary lists only them. Default: every flow. */
  isTopic?: (flowId: string) => boolean;
  /** The version of a flow served now, marked `current` in its report. Default: the newest seen. */
  currentVersion?: (flowId: string) => string | undefined;
}

const kinds = [
  "conversation_started",
  "conversation_completed",
  "safeguarding_interrupt",
  "referral_shown",
  "flow_started",
  "flow_completed",
  "node_entered",
  "node_waited",
  "option_chosen",
  "not_understood",
];
const by = ["kind", "flowId", "flowVersion", "node", "option", "nextNode", "detail", "directory"] as const;
export type FigureRow = Sums<(typeof by)[number]>[number];

export interface ReportFigures {
  rows: FigureRow[];
  /** The figure as reports show it (a number or "suppressed"). */
  shown(id: string): Figure;
  /** The raw value, for deciding what to list (never shown). */
  value(id: string): number;
  /**
   * Events analytics had to drop (buffer full while the database was down), within the dates only:
   * they were dropped before they had a channel or country. A system figure about no one, so shown as is.
   */
  droppedEvents: number;
}

/** Ids of the figures; per-flow ids carry the flow, per-version ids the version too. */
export const ids = {
  conversations: (kind: "started" | "completed" | "not_completed", day = "") =>
    `conversation_${kind}${day && `@${day}`}`,
  referral: (kind: string, directory: string) => `referral:${kind}:${directory}`,
  flow: (kind: "flow_started" | "flow_completed" | "flow_not_completed", flow: string) => `${kind}:${flow}`,
  version: (flow: string, version: string, kind: string, node = "", option = "", next = "") =>
    JSON.stringify([flow, version, kind, node, option, next]),
};

export async function reportFigures(
  store: CounterStore,
  filters: ReportFilters,
  minCount: number,
): Promise<ReportFigures> {
  const rows = await store.sums(filters, kinds, by);
  const dropped = await store.sums({ from: filters.from, to: filters.to }, ["analytics_dropped"], []);
  const table = new FigureTable();
  const add = (id: string, count: number) => table.set(id, table.get(id) + count);
  for (const r of rows) {
    if (r.kind === "conversation_started" || r.kind === "conversation_completed") {
      add(r.kind, r.count);
      add(`${r.kind}@${r.day}`, r.count);
    } else if (r.kind === "safeguarding_interrupt") add(r.kind, r.count);
    else if (r.kind === "referral_shown") add(ids.referral(r.detail, r.directory), r.count);
    else {
      if (r.kind === "flow_started" || r.kind === "flow_completed") add(ids.flow(r.kind, r.flowId), r.count);
      add(ids.version(r.flowId, r.flowVersion, r.kind, r.node, r.option, r.nextNode), r.count);
    }
  }
  conversationRelations(table, rows);
  for (const [flow, versions] of flowVersions(rows)) flowRelations(table, flow, versions);
  const shown = table.resolve(minCount);
  return {
    rows,
    shown,
    value: (id) => table.get(id),
    droppedEvents: dropped.reduce((sum, r) => sum + r.count, 0),
  };
}

function conversationRelations(table: FigureTable, rows: readonly FigureRow[]): void {
  const days = [...new Set(rows.filter((r) => r.kind.startsWith("conversation_")).map((r) => r.day))].sort();
  for (const kind of ["started", "completed"] as const)
    table.relate(
      ids.conversations(kind),
      days.map((d) => ids.conversations(kind, d)),
    );
  for (const day of ["", ...days])
    table.relateWithRemainder(
      ids.conversations("started", day),
      [ids.conversations("completed", day)],
      ids.conversations("not_completed", day),
    );
}

export interface VersionShape {
  nodes: Set<string>;
  /** [node, option, next] as JSON. */
  segments: Set<string>;
  firstDay: string;
  lastDay: string;
}

/** The versions of each flow that has any activity, with their nodes and segments. */
export function flowVersions(rows: readonly FigureRow[]): Map<string, Map<string, VersionShape>> {
  const flows = new Map<string, Map<string, VersionShape>>();
  for (const r of rows) {
    if (
      ![
        "flow_started",
        "flow_completed",
        "node_entered",
        "node_waited",
        "option_chosen",
        "not_understood",
      ].includes(r.kind)
    )
      continue;
    const versions = flows.get(r.flowId) ?? flows.set(r.flowId, new Map()).get(r.flowId)!;
    const v =
      versions.get(r.flowVersion) ??
      versions
        .set(r.flowVersion, { nodes: new Set(), segments: new Set(), firstDay: r.day, lastDay: r.day })
        .get(r.flowVersion)!;
    if (r.day < v.firstDay) v.firstDay = r.day;
    if (r.day > v.lastDay) v.lastDay = r.day;
    if (r.node) v.nodes.add(r.node);
    if (r.kind === "option_chosen") v.segments.add(JSON.stringify([r.node, r.option, r.nextNode]));
  }
  return flows;
}

function flowRelations(table: FigureTable, flow: string, versions: Map<string, VersionShape>): void {
  for (const kind of ["flow_started", "flow_completed"] as const)
    table.relate(
      ids.flow(kind, flow),
      [...versions.keys()].map((v) => ids.version(flow, v, kind)),
    );
  table.relateWithRemainder(
    ids.flow("flow_started", flow),
    [ids.flow("flow_completed", flow)],
    ids.flow("flow_not_completed", flow),
  );
  for (const [version, v] of versions) {
    const id = (kind: string, node = "", option = "", next = "") =>
      ids.version(flow, version, kind, node, option, next);
    table.relateWithRemainder(id("flow_started"), [id("flow_completed")], id("not_completed"));
    const segments = [...v.segments].map((s) => JSON.parse(s) as [string, string, string]);
    for (const node of v.nodes) {
      const answers = segments.filter(([n]) => n === node).map(([n, o, x]) => id("option_chosen", n, o, x));
      const answered = answers.reduce((sum, a) => sum + table.get(a), 0);
      // Drop-off at a question = times a person was left waiting there minus answers chosen there.
      const dropOff = table.set(
        id("drop_off", node),
        Math.max(0, table.get(id("node_waited", node)) - answered),
      );
      table.relateWithRemainder(id("node_entered", node), [...answers, dropOff], id("pass_through", node));
      const arrivals = segments
        .filter(([, , next]) => next === node)
        .map(([n, o, x]) => id("option_chosen", n, o, x));
      if (arrivals.length)
        table.relateWithRemainder(id("node_entered", node), arrivals, id("other_arrivals", node));
    }
  }
}
