/**
 * `branch`: continues by the value of a conversation variable. The case `"*"` matches any value
 * that is set; `default` takes everything else, including an unset variable.
 *
 * ```yaml
 * - id: by_country
 *   type: branch
 *   on: country
 *   cases: { NL: dutch_tips, "*": general_tips }
 *   default: pick_country
 * ```
 */
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { NodeContext } from "../node-context.ts";
import type { Next } from "./next.ts";

export function enterBranch(ctx: NodeContext, node: Extract<FlowNode, { type: "branch" }>): Next {
  const value = ctx.vars[node.on];
  const target = (value !== undefined && (node.cases[value] ?? node.cases["*"])) || node.default;
  return { kind: "target", target };
}
