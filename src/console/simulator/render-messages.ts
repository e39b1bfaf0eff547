/**
 * Replies as a chosen channel would show them, for the simulator's chat: the channels' own
 * render functions (Telegram inline keyboard; WhatsApp Cloud reply buttons, list or numbered
 * text; numbered plain text), turned into a small view the browser draws. Every button keeps its
 * option's number, so a click can be written in a transcript as the staff chat would type it.
 */
import { parseChoiceData } from "../../channels/choice-data.ts";
import type { Reply } from "../../i18n/render.ts";
import { numberedText } from "../../channels/numbered-text.ts";
import { toTelegram } from "../../channels/telegram/to-telegram.ts";
import { toPlatform } from "../../channels/whatsapp-cloud/to-platform.ts";

export const renderings = ["telegram", "whatsapp", "plain"] as const;
export type Rendering = (typeof renderings)[number];

export interface ViewButton {
  label: string;
  /** 1-based position among the question's options. */
  number: number;
  node: string;
  option: string;
}

export interface ViewMessage {
  /** How the platform shows it: a text, Telegram buttons, WhatsApp reply buttons or a WhatsApp list. */
  kind: "text" | "telegram_buttons" | "whatsapp_buttons" | "whatsapp_list";
  text: string;
  buttons?: ViewButton[];
  /** The WhatsApp list's opening button. */
  listButton?: string;
}

export function renderMessages(
  replies: readonly Reply[],
  rendering: Rendering,
  listButton: string,
): ViewMessage[] {
  return replies.flatMap((reply) => {
    if (rendering === "plain") return [{ kind: "text" as const, text: numberedText(reply) }];
    if (rendering === "telegram") return telegram(reply);
    return whatsapp(reply, listButton);
  });
}

function telegram(reply: Reply): ViewMessage[] {
  return toTelegram(reply).map((message) => {
    const rows = message.reply_markup?.inline_keyboard ?? [];
    const buttons = rows
      .flat()
      .flatMap((b) => button(reply, b.text, "callback_data" in b ? b.callback_data : undefined));
    return buttons.length
      ? { kind: "telegram_buttons", text: message.text, buttons }
      : { kind: "text", text: message.text };
  });
}

function whatsapp(reply: Reply, listButton: string): ViewMessage[] {
  return toPlatform(reply, listButton).map((message): ViewMessage => {
    if (message.type === "text") return { kind: "text", text: message.text.body };
    const interactive = message.interactive;
    if (interactive.type === "button")
      return {
        kind: "whatsapp_buttons",
        text: interactive.body.text,
        buttons: interactive.action.buttons.flatMap((b) => button(reply, b.reply.title, b.reply.id)),
      };
    return {
      kind: "whatsapp_list",
      text: interactive.body.text,
      listButton: interactive.action.button,
      buttons: interactive.action.sections
        .flatMap((s) => s.rows)
        .flatMap((r) => button(reply, r.title, r.id)),
    };
  });
}

/** A platform button back to its option, by the callback data the channel put on it. */
function button(reply: Reply, label: string, data: string | undefined): ViewButton[] {
  const parsed = data ? parseChoiceData(data) : null;
  const index = parsed ? (reply.options ?? []).findIndex((o) => o.id === parsed.option) : -1;
  return parsed && index >= 0 ? [{ label, number: index + 1, node: parsed.node, option: parsed.option }] : [];
}
