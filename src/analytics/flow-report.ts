/**
 * One flow, per version (newest activity first): starts and completions, per node visits,
 * drop-off and misunderstood answers, and per path segment (node -> option -> next) choices.
 *
 * Drop-off at a question = times a person was left waiting there minus answers chosen there: it
 * counts people who went quiet and those who left with a keyword (menu, help).
 */
import type { CounterStore } from "./counter-store.ts";
import type { ReportFilters } from "./report-filters.ts";
import { FigureTable, type Figure } from "./suppression.ts";

export interface FlowVersionReport {
  version: string;
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

const kinds = ["flow_started", "flow_completed", "node_entered", "node_waited", "option_chosen", "not_understood"];

export async function flowReport(store: CounterStore, flow: string, filters: ReportFilters, minCount: number): Promise<FlowReport> {
  const rows = await store.sums(filters, kinds, ["kind", "flowVersion", "node", "option", "nextNode"], { flowId: flow });
  const table = new FigureTable();
  const add = (id: string, count: number) => table.set(id, table.get(id) + count);
  const versions = new Map<string, { first: string; last: string; nodes: Set<string>; segments: Set<string> }>();
  for (const r of rows) {
    const v = versions.get(r.flowVersion) ?? { first: r.day, last: r.day, nodes: new Set<string>(), segments: new Set<string>() };
    versions.set(r.flowVersion, { ...v, first: r.day < v.first ? r.day : v.first, last: r.day > v.last ? r.day : v.last });
    if (r.node) v.nodes.add(r.node);
    if (r.kind === "option_chosen") v.segments.add(JSON.stringify([r.node, r.option, r.nextNode]));
    add(id(r.flowVersion, r.kind, r.node, r.option, r.nextNode), r.count);
    if (r.kind === "flow_started" || r.kind === "flow_completed") add(r.kind, r.count);
  }
  relations(table, versions);
  const shown = table.resolve(minCount);
  return {
    flow,
    filters,
    minCount,
    total: { started: shown("flow_started"), completed: shown("flow_completed") },
    versions: [...versions]
      .sort(([, a], [, b]) => b.last.localeCompare(a.last) || b.first.localeCompare(a.first))
      .map(([version, v]) => ({
        version,
        firstDay: v.first,
        lastDay: v.last,
        started: shown(id(version, "flow_started")),
        completed: shown(id(version, "flow_completed")),
        nodes: [...v.nodes].sort().map((node) => ({
          node,
          visits: shown(id(version, "node_entered", node)),
          dropOff: table.get(id(version, "node_waited", node)) ? shown(id(version, "drop_off", node)) : null,
          notUnderstood: shown(id(version, "not_understood", node)),
        })),
        segments: [...v.segments].sort().map((s) => {
          const [node, option, next] = JSON.parse(s) as [string, string, string];
          return { node, option, next, chosen: shown(id(version, "option_chosen", node, option, next)) };
        }),
      })),
  };
}

const id = (version: string, kind: string, node = "", option = "", next = "") => JSON.stringify([version, kind, node, option, next]);

/** The sums a reader could subtract: across versions, per node (answers + drop-off), into each node. */
function relations(table: FigureTable, versions: Map<string, { nodes: Set<string>; segments: Set<string> }>): void {
  for (const kind of ["flow_started", "flow_completed"]) table.relate(kind, [...versions.keys()].map((v) => id(v, kind)));
  table.relateWithRemainder("flow_started", ["flow_completed"], "not_completed");
  for (const [version, v] of versions) {
    table.relateWithRemainder(id(version, "flow_started"), [id(version, "flow_completed")], id(version, "not_completed"));
    const segments = [...v.segments].map((s) => JSON.parse(s) as [string, string, string]);
    for (const node of v.nodes) {
      const answers = segments.filter(([n]) => n === node).map(([n, o, x]) => id(version, "option_chosen", n, o, x));
      const waited = id(version, "node_waited", node);
      const answered = answers.reduce((sum, a) => sum + table.get(a), 0);
      const dropOff = table.set(id(version, "drop_off", node), Math.max(0, table.get(waited) - answered));
      table.relateWithRemainder(id(version, "node_entered", node), [...answers, dropOff], id(version, "pass_through", node));
      const arrivals = segments.filter(([, , next]) => next === node).map(([n, o, x]) => id(version, "option_chosen", n, o, x));
      if (arrivals.length) table.relateWithRemainder(id(version, "node_entered", node), arrivals, id(version, "other_arrivals", node));
    }
  }
}
