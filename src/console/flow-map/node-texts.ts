/**
 * The texts a node shows, in the order people see them: its message or question text, each
 * option's label, the re-ask hint. Keys are resolved as the engine resolves them.
 */
import { optionId, textKey, textList, type Flow } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";

export interface NodeText {
  /** What the text is: `text`, `option <id>` or `hint`. */
  role: string;
  key: string;
}

export function nodeTexts(flow: Flow, node: FlowNode): NodeText[] {
  const texts: NodeText[] = [];
  if ("text" in node)
    for (const key of textList(node.text)) texts.push({ role: "text", key: textKey(flow, key) });
  if (node.type === "question") {
    for (const option of node.options)
      texts.push({ role: `option ${optionId(option)}`, key: textKey(flow, option.label) });
    if (node.hint) texts.push({ role: "hint", key: textKey(flow, node.hint) });
  }
  return texts;
}
