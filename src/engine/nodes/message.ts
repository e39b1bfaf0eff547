/**
 * `message`: sends one or more texts in a row, then continues.
 *
 * ```yaml
 * - id: intro
 *   type: message
 *   text: [intro.what, intro.privacy]
 *   next: pick_country
 * ```
 */
import { continueAfter, textKey, textList } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { NodeContext } from "../node-context.ts";
import type { Next } from "./next.ts";

export function enterMessage(ctx: NodeContext, node: Extract<FlowNode, { type: "message" }>): Next {
  for (const key of textList(node.text)) ctx.say(textKey(ctx.flow, key));
  return continueAfter(ctx.flow, node);
}
