/**
 * A reply -> Cloud API message bodies: reply buttons for up to 3 short options, a list for up to
 * 10 options with short labels, numbered text otherwise (or when the question is too long for an
 * interactive body, or two options read the same: Meta refuses reply buttons whose titles repeat,
 * and a person could not tell such rows apart). Each button and row carries the callback data, so
 * a tap names its question. Limits from Meta's interactive message reference (limits.ts).
 */
import { choiceData } from "../choice-data.ts";
import type { Reply } from "../../i18n/render.ts";
import { numberedText } from "../numbered-text.ts";
import { splitText } from "../split-text.ts";
import { whatsappCloudLimits as limits } from "./limits.ts";

export type GraphMessage =
  | { type: "text"; text: { body: string; preview_url: boolean } }
  | {
      type: "interactive";
      interactive:
        | {
            type: "button";
            body: { text: string };
            action: { buttons: Array<{ type: "reply"; reply: { id: string; title: string } }> };
          }
        | {
            type: "list";
            body: { text: string };
            action: { button: string; sections: Array<{ rows: Array<{ id: string; title: string }> }> };
          };
    };

/** Text messages hold 4096 characters. */
export const textLimit = limits.messageChars;

/**
 * Measured in UTF-16 units, like split-text: never less than the characters Meta counts, so an
 * emoji label is never sent one character too long (it falls back a step instead).
 */
const length = (text: string) => text.length;

export function toPlatform(reply: Reply, listButton: string): GraphMessage[] {
  const options = reply.options ?? [];
  const node = reply.node;
  const fitsBody = reply.text.trim() !== "" && length(reply.text) <= limits.interactiveBodyChars;
  if (node && options.length && fitsBody && distinct(options.map((o) => o.label))) {
    const labelsFit = (max: number) => options.every((o) => o.label.trim() !== "" && length(o.label) <= max);
    const items = options.map((o) => ({ id: choiceData(node, o.id), title: o.label }));
    if (options.length <= limits.buttons.max && labelsFit(limits.buttons.labelChars)) {
      return [
        {
          type: "interactive",
          interactive: {
            type: "button",
            body: { text: reply.text },
            action: { buttons: items.map((reply) => ({ type: "reply", reply })) },
          },
        },
      ];
    }
    if (
      options.length <= limits.list.rows &&
      labelsFit(limits.list.rowLabelChars) &&
      length(listButton) <= limits.list.buttonChars
    ) {
      return [
        {
          type: "interactive",
          interactive: {
            type: "list",
            body: { text: reply.text },
            action: { button: listButton, sections: [{ rows: items }] },
          },
        },
      ];
    }
  }
  return asNumberedText(reply);
}

/** The reply as plain text with numbered options: always accepted, and the fallback when Meta refuses buttons or a list. */
export function asNumberedText(reply: Reply): GraphMessage[] {
  return splitText(numberedText(reply), textLimit).map((body) => ({
    type: "text",
    text: { body, preview_url: false },
  }));
}

/** Labels that would look the same on a phone (case and surrounding spaces aside) count as repeats. */
function distinct(labels: string[]): boolean {
  return new Set(labels.map((label) => label.trim().toLocaleLowerCase())).size === labels.length;
}
