/**
 * `question`: sends its texts, the last one with the options, and waits for an answer.
 * The answer is handled by ../step.ts.
 *
 * ```yaml
 * - id: pick_topic
 *   type: question
 *   text: menu.prompt
 *   options:
 *     - { label: menu.signs, flow: signs }
 *     - { label: menu.help, next: contacts }
 * ```
 */
import { optionId, textKey, textList } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { NodeContext } from "../node-context.ts";
import type { Next } from "./next.ts";

export function enterQuestion(ctx: NodeContext, node: Extract<FlowNode, { type: "question" }>): Next {
  const { flow } = ctx;
  const keys = textList(node.text).map((key) => textKey(flow, key));
  for (const key of keys.slice(0, -1)) ctx.say(key);
  ctx.show({
    type: "question",
    node: node.id,
    text: { key: keys.at(-1)! },
    options: node.options.map((option) => ({
      id: optionId(option),
      label: { key: textKey(flow, option.label) },
    })),
  });
  return { kind: "wait" };
}
