/**
 * Reply -> Telegram messages: the text (split when too long) and, on the last part, the options
 * as an inline keyboard, one button per row so long labels stay readable.
 */
import type { InlineKeyboardMarkup } from "grammy/types";
import { choiceData } from "../choice-data.ts";
import type { Reply } from "../../i18n/render.ts";
import { splitText } from "../split-text.ts";

export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export function toTelegram(reply: Reply): TelegramMessage[] {
  const parts = splitText(reply.text);
  const messages: TelegramMessage[] = parts.map((text) => ({ text }));
  if (reply.node && reply.options?.length) {
    const node = reply.node;
    messages[messages.length - 1]!.reply_markup = {
      inline_keyboard: reply.options.map((o) => [{ text: o.label, callback_data: choiceData(node, o.id) }]),
    };
  }
  return messages;
}
