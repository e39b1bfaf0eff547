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
import type { FlowNode } from "../../flows/schema.ts";
import type { Run } from "../run.ts";
import type { Flow } from "../types.ts";
import { continueAfter, textKey, textList, type Next } from "./next.ts";

export function enterMessage(run: Run, flow: Flow, node: Extract<FlowNode, { type: "message" }>): Next {
  for (const key of textList(node.text)) run.say(textKey(flow, key));
  return continueAfter(flow, node);
}
