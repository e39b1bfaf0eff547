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
import type { FlowNode } from "../../flows/schema.ts";
import type { Run } from "../run.ts";
import type { Flow } from "../types.ts";
import { textKey, textList, type Next } from "./next.ts";

export function enterEnd(run: Run, flow: Flow, node: Extract<FlowNode, { type: "end" }>): Next {
  for (const key of textList(node.text)) run.say(textKey(flow, key));
  return { kind: "end" };
}
