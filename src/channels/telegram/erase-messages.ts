/**
 * Deletes a chat's remembered messages for "erase" and counts what was and was not removed, so the
 * person can be told. Messages past Telegram's 48-hour limit are not attempted.
 */
import type { Api } from "grammy";
import type { ApiSignal } from "./api-signal.ts";
import { deletableSeconds, type LoggedMessage } from "./message-log.ts";

export interface EraseReport {
  deleted: number;
  /** Too old for Telegram to allow deleting. */
  tooOld: number;
  /** Refused or failed (reported to the person as not removed). */
  failed: number;
}

/** deleteMessages takes at most 100 ids per call. */
const batchSize = 100;

export async function eraseMessages(
  api: Api,
  chatId: number,
  messages: readonly LoggedMessage[],
  nowSeconds: number,
  onError: (error: unknown) => void,
  signal?: ApiSignal,
): Promise<EraseReport> {
  const ids = [...new Set(messages.filter((m) => nowSeconds - m.at < deletableSeconds).map((m) => m.id))];
  const report: EraseReport = {
    deleted: 0,
    tooOld: messages.length - messages.filter((m) => nowSeconds - m.at < deletableSeconds).length,
    failed: 0,
  };
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    try {
      await api.deleteMessages(chatId, batch, signal);
      report.deleted += batch.length;
    } catch (error) {
      onError(error);
      report.failed += batch.length;
    }
  }
  return report;
}
