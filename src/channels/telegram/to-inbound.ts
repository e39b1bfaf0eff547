/**
 * Telegram update -> what the conversation needs: chat, input and language hint. Pure, so every
 * kind of update can be tested from real JSON. Only private chats are served; everything else is
 * skipped with a reason (for counting in logs, never with identifiers).
 */
import type { Message, Update } from "grammy/types";
import { parseStartPayload } from "../../conversation/start-payload.ts";
import type { GlobalKeyword, Input } from "../../engine/index.ts";
import { parseChoiceData } from "../choice-data.ts";
import type { AdapterInbound } from "../channel-adapter.ts";
import { isWellFormedUpdate } from "./update-shape.ts";

export interface TelegramInbound {
  type: "turn";
  chatId: number;
  input: Input;
  languageHint?: string;
  /** The person's message, remembered so "erase" can delete it too. */
  messageId?: number;
  /** To answer, so the button stops spinning. */
  callbackQueryId?: string;
}

/** What the turn runner carries for a Telegram update (JSON, chat id as a string). */
export interface TelegramTurn extends AdapterInbound {
  messageId?: number;
  callbackQueryId?: string;
}

export function asTurn({ type: _type, chatId, ...rest }: TelegramInbound): TelegramTurn {
  return { ...rest, chatId: String(chatId) };
}

export interface TelegramSkip {
  type: "skip";
  reason: "not_private" | "edited_message" | "update_type" | "service_message" | "malformed";
  callbackQueryId?: string;
}

const commands: Record<string, GlobalKeyword> = {
  menu: "menu",
  help: "help",
  language: "language",
  erase: "erase",
  stop: "stop",
  back: "back",
};

/** Message kinds we cannot read, named for the engine's `unsupported` input (and analytics). */
const unsupportedKinds = [
  "photo",
  "voice",
  "sticker",
  "location",
  "video",
  "video_note",
  "audio",
  "document",
  "animation",
  "contact",
  "venue",
  "poll",
  "dice",
  "story",
] as const;

/** A button whose data we did not make (or no longer parse): the engine treats it as stale. */
const staleChoice: Input = { type: "choice", node: "", option: "" };

export function toInbound(update: Update): TelegramInbound | TelegramSkip {
  if (!isWellFormedUpdate(update)) return { type: "skip", reason: "malformed" };
  if (update.message) return fromMessage(update.message);
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    if (!chat || chat.type !== "private")
      return { type: "skip", reason: "not_private", callbackQueryId: query.id };
    const parsed = query.data ? parseChoiceData(query.data) : null;
    // An unparseable button still deserves an answer: "that belongs to an earlier message" and where we are.
    const input: Input = parsed ? { type: "choice", node: parsed.node, option: parsed.option } : staleChoice;
    return withHint(
      { type: "turn", chatId: chat.id, input, callbackQueryId: query.id },
      query.from.language_code,
    );
  }
  if (update.edited_message) return { type: "skip", reason: "edited_message" };
  return { type: "skip", reason: "update_type" };
}

function fromMessage(message: Message): TelegramInbound | TelegramSkip {
  if (message.chat.type !== "private") return { type: "skip", reason: "not_private" };
  const base = { type: "turn" as const, chatId: message.chat.id, messageId: message.message_id };
  const hint = message.from?.language_code;
  if (typeof message.text === "string") return withHint({ ...base, input: textInput(message.text) }, hint);
  const kind = unsupportedKinds.find((k) => k in message);
  if (kind)
    return withHint(
      {
        ...base,
        input: { type: "unsupported", kind, ...(message.caption ? { caption: message.caption } : {}) },
      },
      hint,
    );
  // Pinned messages, auto-delete timer changes and similar: nothing the person said.
  if (isServiceMessage(message)) return { type: "skip", reason: "service_message" };
  return withHint({ ...base, input: { type: "unsupported", kind: "other" } }, hint);
}

/** `/start payload`, `/menu`, `/help@my_bot`; other text (and unknown commands) goes to the engine as typed. */
export function textInput(text: string): Input {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+(\S*))?\s*$/.exec(text.trim());
  if (!match) return { type: "text", text };
  const name = match[1]!.toLowerCase();
  if (name === "start") return { type: "start", payload: parseStartPayload(match[2]) };
  const command = commands[name];
  return command ? { type: "command", command } : { type: "text", text };
}

function withHint(inbound: TelegramInbound, hint: string | undefined): TelegramInbound {
  return hint ? { ...inbound, languageHint: hint } : inbound;
}

function isServiceMessage(message: Message): boolean {
  return [
    "pinned_message",
    "message_auto_delete_timer_changed",
    "new_chat_members",
    "left_chat_member",
    "new_chat_title",
    "new_chat_photo",
    "delete_chat_photo",
    "chat_background_set",
    "write_access_allowed",
  ].some((k) => k in message);
}
