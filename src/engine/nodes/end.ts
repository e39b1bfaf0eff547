/**
 * `end`: says an optional goodbye and ends this flow: back to the flow that called it, or the
 * conversation is complete (the next message shows the menu).
 *
 * ```yaml
 * - id: done
 *   type: end
 *   text: thanks
 * ```
 */
import { textKey, textList } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { NodeContext } from "../node-context.ts";
import type { Next } from "./next.ts";

export function enterEnd(ctx: NodeContext, node: Extract<FlowNode, { type: "end" }>): Next {
  for (const key of textList(node.text)) ctx.say(textKey(ctx.flow, key));
  return { kind: "end" };
}
