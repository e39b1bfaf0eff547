/** What a node tells the run to do after it has been entered. */
export type Next =
  | { kind: "wait" }
  | { kind: "node"; node: string }
  | { kind: "target"; target: string }
  /** Hand over to another flow: this one has done its part. */
  | { kind: "flow"; flow: string }
  /** Run another flow, then come back to `then` (a target in this flow). */
  | { kind: "call"; flow: string; then: string }
  | { kind: "end" };

import type { Flow } from "../types.ts";

/**
 * Where a node without a question continues: its `flow`, its `next`, or else the node written
 * after it in the file (so a script reads top to bottom), or the end of the flow after the last one.
 */
export function continueAfter(
  flow: Flow,
  node: { id: string; next?: string | undefined; flow?: string | undefined },
): Next {
  if (node.flow) return { kind: "flow", flow: node.flow };
  if (node.next) return { kind: "target", target: node.next };
  const index = flow.nodes.findIndex((n) => n.id === node.id);
  const following = flow.nodes[index + 1];
  return following ? { kind: "node", node: following.id } : { kind: "end" };
}

/** Resolves a text key written in a flow: bare keys belong to the flow's own locale file. */
export function textKey(flow: Flow, key: string): string {
  return key.includes(":") ? key : `${flow.id}:${key}`;
}

export function textList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
