/**
 * One accepted update, in the chat's queue: answer the button, run the turn, send the replies,
 * remember message ids for "erase" (or, on erase, delete the remembered messages and report).
 * Bot API failures are logged without identifiers and never stop the next reply or update, unless
 * the chat itself is unreachable.
 */
import { GrammyError, type Api } from "grammy";
import type { Logger } from "pino";
import { ContentUnavailableError } from "../../content/hot-reload.ts";
import type { Conversation, TurnResult } from "../../conversation/conversation.ts";
import type { ContentSource } from "../../conversation/content-source.ts";
import type { Reply } from "../../i18n/render.ts";
import type { ApiSignal } from "./api-signal.ts";
import { eraseMessages } from "./erase-messages.ts";
import type { MessageLog } from "./message-log.ts";
import { contentUnavailableText, eraseReportText } from "./telegram-texts.ts";
import type { TelegramInbound } from "./to-inbound.ts";
import { toTelegram } from "./to-telegram.ts";

export interface TurnHandlerDeps {
  api: Api;
  conversation: Conversation;
  content: ContentSource;
  messageLog: MessageLog;
  logger: Logger;
  signal: ApiSignal;
  now?: () => number;
}

export function createTurnHandler(deps: TurnHandlerDeps): (inbound: TelegramInbound) => Promise<void> {
  const { api, logger, signal } = deps;
  const nowSeconds = () => Math.floor((deps.now ?? Date.now)() / 1000);

  const send = async (chatId: number, replies: readonly Reply[]): Promise<number[]> => {
    const sent: number[] = [];
    for (const message of replies.flatMap(toTelegram)) {
      try {
        const result = await api.sendMessage(
          chatId,
          message.text,
          {
            ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
            link_preview_options: { is_disabled: true },
          },
          signal,
        );
        sent.push(result.message_id);
      } catch (err) {
        logger.warn({ err }, "telegram: reply not delivered");
        // The person blocked the bot or the chat is gone: the rest would fail the same way. Any other
        // failure (one message Telegram refused) must not cost them the next ones: the helpline contacts.
        if (chatUnreachable(err)) break;
      }
    }
    return sent;
  };

  const remember = async (chatId: number, ids: number[]) => {
    try {
      await deps.messageLog.add(chatId, ids, nowSeconds());
    } catch (err) {
      logger.warn({ err }, "telegram: message ids not kept; erase will not delete these");
    }
  };

  return async function handleTurn(inbound) {
    const started = Date.now();
    if (inbound.callbackQueryId) {
      await api
        .answerCallbackQuery(inbound.callbackQueryId, undefined, signal)
        .catch((err) => logger.warn({ err }, "telegram: answerCallbackQuery failed"));
    }
    let result: TurnResult;
    try {
      result = await deps.conversation.handle({
        channel: "telegram",
        chatId: String(inbound.chatId),
        input: inbound.input,
        ...(inbound.languageHint ? { languageHint: inbound.languageHint } : {}),
      });
    } catch (error) {
      if (!(error instanceof ContentUnavailableError)) throw error;
      // No content means no translations either: one fixed sentence, so nobody is left unanswered.
      logger.error(
        { reason: "content unavailable" },
        "telegram: turn answered with the being-updated notice",
      );
      await send(inbound.chatId, [{ text: contentUnavailableText }]);
      return;
    }
    if (result.signal === "erase") {
      const logged = await deps.messageLog
        .take(inbound.chatId)
        .catch((err) => (logger.warn({ err }, "telegram: message ids unavailable for erase"), []));
      const own = inbound.messageId ? [{ id: inbound.messageId, at: nowSeconds() }] : [];
      const report = await eraseMessages(
        api,
        inbound.chatId,
        [...logged, ...own],
        nowSeconds(),
        (err) => logger.warn({ err }, "telegram: deleting messages failed"),
        signal,
      );
      const text = eraseReportText(deps.content.current().translator, result.language, report);
      await send(inbound.chatId, [...result.replies, { text }]);
      logger.info(
        {
          input: inbound.input.type,
          deleted: report.deleted,
          tooOld: report.tooOld,
          failed: report.failed,
          ms: Date.now() - started,
        },
        "telegram: conversation erased",
      );
      return;
    }
    const sent = await send(inbound.chatId, result.replies);
    await remember(inbound.chatId, inbound.messageId ? [inbound.messageId, ...sent] : sent);
    logger.info(
      { input: inbound.input.type, replies: sent.length, ms: Date.now() - started },
      "telegram: turn answered",
    );
  };
}

/** 403 (blocked by the person, or deactivated) and "chat not found": nothing more can reach this chat. */
function chatUnreachable(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  return error.error_code === 403 || /chat not found/i.test(error.description);
}
