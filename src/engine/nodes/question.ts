/**
 * `question`: sends its texts, the last one with the options, and waits for an answer.
 * The answer is handled by ../answer.ts.
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
import { optionId } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/schema.ts";
import type { Run } from "../run.ts";
import type { Flow } from "../types.ts";
import { textKey, textList, type Next } from "./next.ts";

export function enterQuestion(run: Run, flow: Flow, node: Extract<FlowNode, { type: "question" }>): Next {
  const keys = textList(node.text).map((key) => textKey(flow, key));
  for (const key of keys.slice(0, -1)) run.say(key);
  run.outputs.push({
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
