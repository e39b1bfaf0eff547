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
import type { FlowNode } from "../../flows/schema.ts";
import type { Run } from "../run.ts";
import type { Flow } from "../types.ts";
import type { Next } from "./next.ts";

export function enterCall(run: Run, flow: Flow, node: Extract<FlowNode, { type: "call" }>): Next {
  run.pushReturn({ flow: flow.id, node: node.then, version: flow.version });
  return { kind: "call", flow: node.flow };
}
