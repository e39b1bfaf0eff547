/**
 * Checks the shape of the flows: every target exists, every node can be reached, nothing
 * leads nowhere, and no loop runs without asking the person something.
 */
import { isSpecialTarget, type Flow } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { LoadedFlow, LoadedFlows } from "../../flows/load-flows.ts";
import type { Problem } from "../files/problem.ts";
import type { RuleId } from "../files/rules.ts";
import type { PathSegment } from "../files/source-file.ts";

interface Edge {
  /** Where in the file the reference is written. */
  path: PathSegment[];
  target: string;
  /** `flow` references name a flow, the others a node or special target. */
  ref: "node" | "flow";
  /** Whether the person must answer before this edge is taken. */
  waits: boolean;
}

export function checkGraph(loaded: LoadedFlows): Problem[] {
  const problems: Problem[] = [];
  // Flows whose files failed to load are reported there; do not report every reference to them too.
  const flowIds = new Set([...loaded.flows.map((f) => f.flow.id), ...loaded.failed]);
  for (const item of loaded.flows) problems.push(...checkFlow(item, flowIds));
  const settings = loaded.settings;
  if (settings) {
    for (const role of ["start", "menu", "help", "language"] as const) {
      const id = settings.value[role];
      if (!flowIds.has(id))
        problems.push({
          file: settings.source.file,
          ...settings.source.positionOf([role]),
          rule: "unknown-settings-flow",
          severity: "error",
          message: `${role} flow \`${id}\` does not exist`,
        });
    }
  }
  return problems;
}

function checkFlow({ flow, source }: LoadedFlow, flowIds: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const at = (
    path: PathSegment[],
    node: string,
    rule: RuleId,
    severity: Problem["severity"],
    message: string,
  ): Problem => ({
    rule,
    file: source.file,
    ...source.positionOf(path),
    severity,
    message,
    flow: flow.id,
    node,
  });
  const edges = new Map<string, Edge[]>();
  flow.nodes.forEach((node, i) => {
    if (flow.nodesById.get(node.id) !== node) return; // a duplicate id, reported by the loader
    const out = edgesOf(flow, node, i);
    edges.set(node.id, out);
    for (const edge of out) {
      if (edge.ref === "flow" && !flowIds.has(edge.target))
        problems.push(
          at(
            edge.path,
            node.id,
            "unknown-flow",
            "error",
            `node \`${node.id}\` goes to flow \`${edge.target}\`, which does not exist`,
          ),
        );
      if (edge.ref === "node" && !flow.nodesById.has(edge.target) && !isSpecialTarget(edge.target)) {
        problems.push(
          at(
            edge.path,
            node.id,
            "unknown-node",
            "error",
            `node \`${node.id}\` goes to \`${edge.target}\`, which is not a node in this flow`,
          ),
        );
      }
    }
    if (node.type === "question") {
      node.options.forEach((option, j) => {
        if (!option.next && !option.flow)
          problems.push(
            at(
              ["nodes", i, "options", j],
              node.id,
              "dead-end-option",
              "error",
              `dead end: option ${j + 1} of \`${node.id}\` does not say where to go (add next: or flow:)`,
            ),
          );
        if (option.next && option.flow)
          problems.push(
            at(
              ["nodes", i, "options", j],
              node.id,
              "next-and-flow",
              "error",
              `option ${j + 1} of \`${node.id}\` has both next: and flow:; keep one`,
            ),
          );
      });
    }
    if ((node.type === "message" || node.type === "referrals") && node.next && node.flow) {
      problems.push(
        at(
          ["nodes", i],
          node.id,
          "next-and-flow",
          "error",
          `node \`${node.id}\` has both next: and flow:; keep one`,
        ),
      );
    }
    if (
      (node.type === "message" || node.type === "referrals") &&
      !node.next &&
      !node.flow &&
      i === flow.nodes.length - 1
    ) {
      problems.push(
        at(
          ["nodes", i],
          node.id,
          "dead-end-last-node",
          "error",
          `dead end: \`${node.id}\` is the last node and does not say where to go (add next:, flow: or an end node)`,
        ),
      );
    }
  });
  problems.push(...unreachable(flow, edges, at), ...silentLoops(flow, edges, at));
  return problems;
}

function edgesOf(flow: Flow, node: FlowNode, i: number): Edge[] {
  const path = (...rest: PathSegment[]): PathSegment[] => ["nodes", i, ...rest];
  const following = flow.nodes[i + 1]?.id;
  const cont = (
    n: { next?: string | undefined; flow?: string | undefined },
    waits: boolean,
    prefix: PathSegment[],
  ): Edge[] => {
    if (n.flow) return [{ path: [...prefix, "flow"], target: n.flow, ref: "flow", waits }];
    if (n.next) return [{ path: [...prefix, "next"], target: n.next, ref: "node", waits }];
    return following && !waits ? [{ path: prefix, target: following, ref: "node", waits }] : [];
  };
  switch (node.type) {
    case "message":
    case "referrals":
      return cont(node, false, path());
    case "question":
      return node.options.flatMap((o, j) => (o.next || o.flow ? cont(o, true, path("options", j)) : []));
    case "branch":
      return [
        ...Object.entries(node.cases).map(([value, target]): Edge => ({
          path: path("cases", value),
          target,
          ref: "node",
          waits: false,
        })),
        { path: path("default"), target: node.default, ref: "node", waits: false },
      ];
    case "call":
      return [
        { path: path("flow"), target: node.flow, ref: "flow", waits: false },
        { path: path("then"), target: node.then, ref: "node", waits: true },
      ];
    case "end":
      return [];
  }
}

type At = (
  path: PathSegment[],
  node: string,
  rule: RuleId,
  severity: Problem["severity"],
  message: string,
) => Problem;

function unreachable(flow: Flow, edges: Map<string, Edge[]>, at: At): Problem[] {
  const seen = new Set<string>([flow.nodes[0]!.id]);
  const queue = [flow.nodes[0]!.id];
  while (queue.length) {
    for (const edge of edges.get(queue.shift()!) ?? []) {
      if (edge.ref === "node" && flow.nodesById.has(edge.target) && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return flow.nodes.flatMap((node, i) =>
    seen.has(node.id)
      ? []
      : [
          at(
            ["nodes", i, "id"],
            node.id,
            "unreachable-node",
            "warning",
            `node \`${node.id}\` can never be reached: nothing leads to it`,
          ),
        ],
  );
}

/** A cycle of nodes that never wait for the person would spin forever. */
function silentLoops(flow: Flow, edges: Map<string, Edge[]>, at: At): Problem[] {
  const state = new Map<string, "open" | "done">();
  const problems: Problem[] = [];
  const visit = (id: string): void => {
    state.set(id, "open");
    for (const edge of edges.get(id) ?? []) {
      if (edge.waits || edge.ref !== "node" || !flow.nodesById.has(edge.target)) continue;
      const s = state.get(edge.target);
      if (s === "open") {
        const i = flow.nodes.findIndex((n) => n.id === edge.target);
        problems.push(
          at(
            ["nodes", i, "id"],
            edge.target,
            "silent-loop",
            "error",
            `node \`${edge.target}\` is part of a loop that never asks the person anything; add a question to the loop`,
          ),
        );
      } else if (!s && flow.nodesById.get(edge.target)?.type !== "question") visit(edge.target);
    }
    state.set(id, "done");
  };
  for (const node of flow.nodes) if (!state.has(node.id) && node.type !== "question") visit(node.id);
  return problems;
}
