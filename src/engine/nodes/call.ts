/**
 * `call`: runs another flow and comes back to `then` in this flow when it ends.
 *
 * ```yaml
 * - id: ask_feedback
 *   type: call
 *   flow: feedback
 *   then: "@menu"
 * ```
 */
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { Next } from "./next.ts";

export function enterCall(node: Extract<FlowNode, { type: "call" }>): Next {
  return { kind: "call", flow: node.flow, then: node.then };
}
