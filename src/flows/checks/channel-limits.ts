/**
 * Checks that questions fit every channel: WhatsApp lists hold 10 rows, reply buttons 3 with
 * 20 characters, list rows 24 characters; Telegram callback data is at most 64 bytes; Telegram
 * messages 4096 characters and WhatsApp interactive bodies 1024.
 */
import { optionId } from "../definition/index.ts";
import type { Translator } from "../../i18n/translator.ts";
import type { LoadedFlows } from "../load-flows.ts";
import type { Problem } from "../../content/problem.ts";
import { callbackData } from "../callback-data.ts";
import { textReferences } from "./text-references.ts";

export const channelLimits = {
  options: 10,
  buttons: 3,
  buttonLabel: 20,
  listRowLabel: 24,
  callbackDataBytes: 64,
  messageChars: 4096,
  interactiveBodyChars: 1024,
} as const;

export function checkChannelLimits(loaded: LoadedFlows, translator: Translator): Problem[] {
  const problems: Problem[] = [];
  for (const { flow, source } of loaded.flows) {
    flow.nodes.forEach((node, i) => {
      if (node.type !== "question") return;
      const at = (path: (string | number)[]) => ({ file: source.file, ...source.positionOf(["nodes", i, ...path]), flow: flow.id, node: node.id });
      if (node.options.length > channelLimits.options) {
        problems.push({ ...at(["options"]), rule: "too-many-options", severity: "error", message: `question \`${node.id}\` has ${node.options.length} options; WhatsApp lists allow ${channelLimits.options}. Split it into two questions` });
      }
      const ids = new Set<string>();
      node.options.forEach((option, j) => {
        const id = optionId(option);
        if (ids.has(id)) problems.push({ ...at(["options", j]), rule: "duplicate-option-id", severity: "error", message: `two options of \`${node.id}\` have the id \`${id}\`; give one an id: of its own` });
        ids.add(id);
        if (Buffer.byteLength(callbackData(node.id, id)) > channelLimits.callbackDataBytes) {
          problems.push({ ...at(["options", j]), rule: "callback-data-too-long", severity: "error", message: `node and option ids \`${node.id}\` + \`${id}\` are too long for a Telegram button (64 bytes); shorten them` });
        }
      });
    });
  }
  for (const ref of textReferences(loaded)) {
    for (const language of translator.languages) {
      if (!translator.has(language, ref.key)) continue;
      const text = translator.t(language, ref.key);
      const at = { file: ref.source.file, ...ref.source.positionOf(ref.path), flow: ref.flow, node: ref.node, locale: language };
      if (ref.isLabel) {
        const node = loaded.flows.find((f) => f.flow.id === ref.flow)?.flow.nodesById.get(ref.node);
        const count = node?.type === "question" ? node.options.length : 0;
        const limit = count <= channelLimits.buttons ? channelLimits.buttonLabel : channelLimits.listRowLabel;
        if ([...text].length > limit) {
          problems.push({ ...at, rule: "label-too-long", severity: "warning", message: `option label \`${ref.key}\` in ${language} has ${[...text].length} characters; WhatsApp ${count <= channelLimits.buttons ? "buttons" : "list rows"} show ${limit}, so it will be shortened` });
        }
      } else if ([...text].length > channelLimits.messageChars) {
        problems.push({ ...at, rule: "text-too-long", severity: "error", message: `text \`${ref.key}\` in ${language} is longer than a Telegram message (${channelLimits.messageChars} characters)` });
      } else if ([...text].length > channelLimits.interactiveBodyChars) {
        problems.push({ ...at, rule: "text-long-for-whatsapp", severity: "warning", message: `text \`${ref.key}\` in ${language} is longer than ${channelLimits.interactiveBodyChars} characters; WhatsApp shows questions that long as plain numbered text` });
      }
    }
  }
  return problems;
}
