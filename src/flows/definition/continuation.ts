/** Where a flow goes after a node that does not wait for an answer. */
import type { Flow } from "./flow.ts";

export type Continuation =
  /** The node written after it in the file. */
  | { kind: "node"; node: string }
  /** Its `next:`: a node id or a special target such as `@menu`. */
  | { kind: "target"; target: string }
  /** Its `flow:`: hand over to another flow, this one has done its part. */
  | { kind: "flow"; flow: string }
  /** The last node of the flow, with nothing written after it. */
  | { kind: "end" };

/**
 * Where a node without a question continues: its `flow`, its `next`, or else the node written
 * after it in the file (so a script reads top to bottom), or the end of the flow after the last one.
 */
export function continueAfter(
  flow: Flow,
  node: { id: string; next?: string | undefined; flow?: string | undefined },
): Continuation {
  if (node.flow) return { kind: "flow", flow: node.flow };
  if (node.next) return { kind: "target", target: node.next };
  const index = flow.nodes.findIndex((n) => n.id === node.id);
  const following = flow.nodes[index + 1];
  return following ? { kind: "node", node: following.id } : { kind: "end" };
}
