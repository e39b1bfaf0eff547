/**
 * Telegram's part of a turn (see channel-adapter.ts): replies as messages with inline keyboards,
 * the tapped button answered, message ids remembered so erase can delete them, and erase's report.
 */
import { GrammyError, HttpError, type Api } from "grammy";
import type { Logger } from "pino";
import { redactError } from "../../logging/redact-error.ts";
import type { ChannelAdapter, SendFailure } from "../channel-adapter.ts";
import type { ApiSignal } from "./api-signal.ts";
import { eraseMessages } from "./erase-messages.ts";
import { telegramLimits } from "./limits.ts";
import type { MessageLog } from "./message-log.ts";
import { eraseReportText } from "./telegram-texts.ts";
import type { TelegramTurn } from "./to-inbound.ts";
import { toTelegram, type TelegramMessage } from "./to-telegram.ts";

export interface TelegramAdapterDeps {
  api: Api;
  messageLog: MessageLog;
  logger: Logger;
  signal: ApiSignal;
  now?: () => number;
}

export function telegramAdapter(deps: TelegramAdapterDeps): ChannelAdapter<TelegramTurn, TelegramMessage> {
  const { api, signal, logger } = deps;
  const nowSeconds = () => Math.floor((deps.now ?? Date.now)() / 1000);
  return {
    name: "telegram",
    limits: telegramLimits,
    render: (reply) => toTelegram(reply),
    async send(chatId, message) {
      const sent = await api.sendMessage(
        Number(chatId),
        message.text,
        {
          ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
          link_preview_options: { is_disabled: true },
        },
        signal,
      );
      return sent.message_id;
    },
    classify,
    async acknowledge(inbound) {
      if (!inbound.callbackQueryId) return;
      await api
        .answerCallbackQuery(inbound.callbackQueryId, undefined, signal)
        .catch((err: unknown) =>
          logger.warn({ err: redactError(err) }, "telegram: answerCallbackQuery failed"),
        );
    },
    async erase(inbound, turn) {
      const chatId = Number(inbound.chatId);
      const logged = await deps.messageLog.take(chatId).catch((err: unknown) => {
        logger.warn({ err: redactError(err) }, "telegram: message ids unavailable for erase");
        return { messages: [], expired: 0 };
      });
      const own = inbound.messageId ? [{ id: inbound.messageId, at: nowSeconds() }] : [];
      const report = await eraseMessages(
        api,
        chatId,
        [...logged.messages, ...own],
        nowSeconds(),
        (err) => logger.warn({ err: redactError(err) }, "telegram: deleting messages failed"),
        signal,
      );
      // Messages let go for age earlier (between erase's question and the yes, say) are too old too.
      report.tooOld += logged.expired;
      return {
        replies: [{ text: eraseReportText(turn.translator, turn.language, report) }],
        report: { deleted: report.deleted, tooOld: report.tooOld, failed: report.failed },
      };
    },
    async remember(inbound, sent, erased) {
      if (erased) return;
      const ids = [...(inbound.messageId ? [inbound.messageId] : []), ...sent.map(Number)];
      await deps.messageLog.add(Number(inbound.chatId), ids, nowSeconds());
    },
  };
}

/** 403 (blocked by the person, or deactivated) and "chat not found": nothing more can reach this chat. */
function classify(error: unknown): SendFailure {
  if (error instanceof HttpError) return { unreachable: false, errorClass: "network" };
  if (!(error instanceof GrammyError)) return { unreachable: false, errorClass: "other" };
  if (error.error_code === 403 || /chat not found/i.test(error.description))
    return { unreachable: true, errorClass: "unreachable" };
  if (error.error_code === 429) return { unreachable: false, errorClass: "throttled" };
  if (error.error_code >= 500) return { unreachable: false, errorClass: "unavailable" };
  return { unreachable: false, errorClass: "refused" };
}
