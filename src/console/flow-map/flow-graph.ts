/**
 * A flow as a Graphviz graph (DOT): one box per node, options and branch cases as labelled
 * edges, `flow:` hand-overs and `call`s as links to the other flow's map, special targets
 * (@menu, @stop, ...) as their own rounded shapes. Pure: texts, links and figures come in.
 */
import { continueAfter, isSpecialTarget, optionId, type Flow } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";

export interface GraphLabels {
  /** An option's label as people see it (already in the chosen language). */
  option(node: string, option: string, labelKey: string): string;
  /** Figures written under a node's id, or "" for none. */
  nodeFigures(node: string): string;
  /** Figures written after an option's label (choices), or "". */
  optionFigures(node: string, option: string, next: string): string;
  nodeHref(node: string): string;
  flowHref(flow: string): string;
  /** Tooltip of a node (its type, for people who cannot tell shapes apart). */
  nodeTitle(node: FlowNode): string;
}

interface Edge {
  to: string;
  label?: string;
  style?: "dashed";
}

const fills: Record<FlowNode["type"], string> = {
  message: "#ffffff",
  question: "#dbeafe",
  branch: "#fef3c7",
  referrals: "#fde2e2",
  call: "#e0e7ff",
  end: "#e5e7eb",
};

export function flowDot(flow: Flow, labels: GraphLabels): string {
  const lines = [
    "digraph flow {",
    '  graph [rankdir=TB, fontname="sans-serif", nodesep=0.4, ranksep=0.5];',
    '  node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=12, color="#374151", fontcolor="#111827"];',
    '  edge [fontname="sans-serif", fontsize=11, color="#4b5563", fontcolor="#111827"];',
  ];
  const outside = new Map<string, string>();
  const target = (to: string): string => {
    if (isSpecialTarget(to)) {
      outside.set(`t:${to}`, `  ${q(`t:${to}`)} [label=${q(to)}, shape=ellipse, fillcolor="#f3f4f6"];`);
      return `t:${to}`;
    }
    return `n:${to}`;
  };
  const flowTarget = (id: string): string => {
    outside.set(
      `f:${id}`,
      `  ${q(`f:${id}`)} [label=${q(`→ ${id}`)}, shape=component, fillcolor="#ede9fe", URL=${q(labels.flowHref(id))}, tooltip=${q(`flow ${id}`)}];`,
    );
    return `f:${id}`;
  };
  for (const node of flow.nodes) {
    const figures = labels.nodeFigures(node.id);
    const label = figures ? `${node.id}\n${figures}` : node.id;
    lines.push(
      `  ${q(`n:${node.id}`)} [label=${q(label)}, fillcolor=${q(fills[node.type])}, URL=${q(labels.nodeHref(node.id))}, tooltip=${q(labels.nodeTitle(node))}${node.type === "question" ? ", penwidth=2" : ""}];`,
    );
    for (const edge of edgesOf(flow, node, labels, target, flowTarget))
      lines.push(
        `  ${q(`n:${node.id}`)} -> ${q(edge.to)} [${[
          edge.label !== undefined ? `label=${q(edge.label)}` : "",
          edge.style ? `style=${edge.style}` : "",
        ]
          .filter(Boolean)
          .join(", ")}];`,
      );
  }
  lines.push(...outside.values(), "}");
  return lines.join("\n");
}

function edgesOf(
  flow: Flow,
  node: FlowNode,
  labels: GraphLabels,
  target: (to: string) => string,
  flowTarget: (id: string) => string,
): Edge[] {
  switch (node.type) {
    case "question":
      return node.options.map((option) => {
        const id = optionId(option);
        const next = option.flow ? `flow:${option.flow}` : (option.next ?? "");
        const figures = labels.optionFigures(node.id, id, next);
        const text = labels.option(node.id, id, option.label);
        const label = figures ? `${text}\n${figures}` : text;
        if (option.flow) return { to: flowTarget(option.flow), label };
        return { to: option.next ? target(option.next) : `n:${node.id}`, label };
      });
    case "branch":
      return [
        ...Object.entries(node.cases).map(([value, to]) => ({
          to: target(to),
          label: `${node.on} = ${value}`,
        })),
        { to: target(node.default), label: "default", style: "dashed" as const },
      ];
    case "call":
      return [
        { to: flowTarget(node.flow), label: "call", style: "dashed" as const },
        { to: target(node.then), label: "then" },
      ];
    case "end":
      return [];
    default: {
      const next = continueAfter(flow, node);
      if (next.kind === "flow") return [{ to: flowTarget(next.flow) }];
      if (next.kind === "target") return [{ to: target(next.target) }];
      if (next.kind === "node") return [{ to: target(next.node) }];
      return [{ to: target("@end") }];
    }
  }
}

/** A DOT string literal. */
function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}
