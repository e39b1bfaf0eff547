/**
 * Checks that questions fit every channel, by the limits each channel declares (its limits.ts,
 * collected in src/channels/limits.ts and handed to the loader by whoever loads the content):
 * how many options a list holds, the bytes a button's data carries, how long button and row
 * labels show, how long a message and an interactive body may be. Each problem names the channel
 * whose limit is the strictest. The checker never imports channel code: the declarations come in.
 */
import type { Problem } from "../files/problem.ts";
import type { Translator } from "../../i18n/translator.ts";
import { optionId } from "../../flows/definition/index.ts";
import type { LoadedFlows } from "../../flows/load-flows.ts";
import { textReferences } from "./text-references.ts";

/**
 * What a channel can show, declared by the channel itself (its limits.ts). The turn runner cuts
 * replies to `messageChars`; this checker and the translators' context warn about texts that
 * would not fit. A declaration is plain data.
 */
export interface ChannelLimits {
  /** The channel as staff know it, in the checker's sentences: "Telegram", "WhatsApp". */
  title: string;
  /** Longest text one message may hold (UTF-16 units, see split-text). */
  messageChars: number;
  /** The channel writes options into the text as `1. Label` lines (no buttons). */
  numberedOptions?: boolean;
  /** Bytes the data of a button or list row may carry (`o:<node>:<option>`, see choiceData). */
  choiceDataBytes?: number;
  /** Reply buttons: how many one message holds and how many characters a label shows. */
  buttons?: { max: number; labelChars: number };
  /** Lists: how many rows, the characters a row label shows, and those of the list's own button. */
  list?: { rows: number; rowLabelChars: number; buttonChars: number };
  /** Longest text a message with buttons or a list may carry; a longer question goes as numbered text. */
  interactiveBodyChars?: number;
}

/** What the checker needs from the channels; src/channels/limits.ts builds it from their declarations. */
export interface ChannelDeclarations {
  limits: readonly ChannelLimits[];
  /** The data a button or list row carries for an option of a question (the channels' format). */
  choiceData(node: string, option: string): string;
}

/** The smallest limit any channel declares, with the channel that declares it (the first, on a tie). */
export function strictestLimit(
  pick: (channel: ChannelLimits) => number | undefined,
  channels: readonly ChannelLimits[],
): { limit: number; channel: ChannelLimits } | undefined {
  let best: { limit: number; channel: ChannelLimits } | undefined;
  for (const channel of channels) {
    const limit = pick(channel);
    if (limit !== undefined && (!best || limit < best.limit)) best = { limit, channel };
  }
  return best;
}

/** How many characters a channel shows of a label of a question with `count` options, if it shortens them. */
function labelLimit(channel: ChannelLimits, count: number): { chars: number; shows: string } | undefined {
  if (channel.buttons && count <= channel.buttons.max)
    return { chars: channel.buttons.labelChars, shows: "buttons" };
  if (channel.list) return { chars: channel.list.rowLabelChars, shows: "list rows" };
  return undefined;
}

export function checkChannelLimits(
  loaded: LoadedFlows,
  translator: Translator,
  declared: ChannelDeclarations,
): Problem[] {
  const channels = declared.limits;
  const problems: Problem[] = [];
  const listRows = strictestLimit((c) => c.list?.rows, channels);
  const messageChars = strictestLimit((c) => c.messageChars, channels);
  const interactiveBodyChars = strictestLimit((c) => c.interactiveBodyChars, channels);
  // Channels whose buttons carry data, strictest first: the first one a pair of ids overflows is named.
  const choiceDataChannels = channels
    .filter((c): c is ChannelLimits & { choiceDataBytes: number } => c.choiceDataBytes !== undefined)
    .sort((a, b) => a.choiceDataBytes - b.choiceDataBytes);
  for (const { flow, source } of loaded.flows) {
    flow.nodes.forEach((node, i) => {
      if (node.type !== "question") return;
      const at = (path: (string | number)[]) => ({
        file: source.file,
        ...source.positionOf(["nodes", i, ...path]),
        flow: flow.id,
        node: node.id,
      });
      if (listRows && node.options.length > listRows.limit) {
        problems.push({
          ...at(["options"]),
          rule: "too-many-options",
          severity: "error",
          message: `question \`${node.id}\` has ${node.options.length} options; ${listRows.channel.title} lists allow ${listRows.limit}. Split it into two questions`,
        });
      }
      const ids = new Set<string>();
      node.options.forEach((option, j) => {
        const id = optionId(option);
        if (ids.has(id))
          problems.push({
            ...at(["options", j]),
            rule: "duplicate-option-id",
            severity: "error",
            message: `two options of \`${node.id}\` have the id \`${id}\`; give one an id: of its own`,
          });
        ids.add(id);
        const bytes = Buffer.byteLength(declared.choiceData(node.id, id));
        const overflows = choiceDataChannels.find((c) => bytes > c.choiceDataBytes);
        if (overflows) {
          problems.push({
            ...at(["options", j]),
            rule: "callback-data-too-long",
            severity: "error",
            message: `node and option ids \`${node.id}\` + \`${id}\` are too long for a ${overflows.title} button (${overflows.choiceDataBytes} bytes); shorten them`,
          });
        }
      });
    });
  }
  for (const ref of textReferences(loaded)) {
    for (const language of translator.languages) {
      if (!translator.has(language, ref.key)) continue;
      const text = translator.t(language, ref.key);
      const length = [...text].length;
      const at = {
        file: ref.source.file,
        ...ref.source.positionOf(ref.path),
        flow: ref.flow,
        node: ref.node,
        locale: language,
      };
      if (ref.isLabel) {
        const node = loaded.flows.find((f) => f.flow.id === ref.flow)?.flow.nodesById.get(ref.node);
        const count = node?.type === "question" ? node.options.length : 0;
        for (const channel of channels) {
          const limit = labelLimit(channel, count);
          if (!limit || length <= limit.chars) continue;
          problems.push({
            ...at,
            rule: "label-too-long",
            severity: "warning",
            message: `option label \`${ref.key}\` in ${language} has ${length} characters; ${channel.title} ${limit.shows} show ${limit.chars}, so it will be shortened`,
          });
          break;
        }
      } else if (messageChars && length > messageChars.limit) {
        problems.push({
          ...at,
          rule: "text-too-long",
          severity: "error",
          message: `text \`${ref.key}\` in ${language} is longer than a ${messageChars.channel.title} message (${messageChars.limit} characters)`,
        });
      } else if (interactiveBodyChars && length > interactiveBodyChars.limit) {
        problems.push({
          ...at,
          rule: "text-long-for-whatsapp",
          severity: "warning",
          message: `text \`${ref.key}\` in ${language} is longer than ${interactiveBodyChars.limit} characters; ${interactiveBodyChars.channel.title} shows questions that long as plain numbered text`,
        });
      }
    }
  }
  return problems;
}
