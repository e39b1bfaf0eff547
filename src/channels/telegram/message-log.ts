/**
 * The ids of messages in a chat (the bot's and the person's), so "erase" can delete them. Kept in
 * the session store under its own keyed entry (never the chat id in clear), with the session's
 * time to live, bounded, and only as long as Telegram lets a bot delete a message (48 hours).
 */
import { z } from "zod";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { SessionStore } from "../../sessions/session-store.ts";

/** Telegram lets bots delete messages younger than 48 hours; a margin for clocks and slow calls. */
export const deletableSeconds = 48 * 3600 - 600;
export const maxLoggedMessages = 500;

// `o`: how many messages were let go for age, so erase can still say they stay on the phone.
const logSchema = z.object({
  v: z.literal(1),
  m: z.array(z.tuple([z.number().int(), z.number().int()])),
  o: z.number().int().nonnegative().optional(),
});

export interface LoggedMessage {
  id: number;
  /** Unix seconds. */
  at: number;
}

export interface MessageLog {
  add(chatId: number, ids: readonly number[], nowSeconds: number): Promise<void>;
  /**
   * Returns and forgets every message remembered for the chat, and how many were let go earlier
   * because Telegram no longer lets a bot delete them.
   */
  take(chatId: number): Promise<{ messages: LoggedMessage[]; expired: number }>;
}

export function createMessageLog(
  sessions: SessionStore,
  keyer: SessionKeyer,
  ttlSeconds: number,
): MessageLog {
  const keyOf = (chatId: number) => keyer("telegram-messages", String(chatId));
  const read = async (key: string): Promise<{ messages: LoggedMessage[]; expired: number }> => {
    const parsed = logSchema.safeParse(await sessions.get(key));
    if (!parsed.success) return { messages: [], expired: 0 };
    return { messages: parsed.data.m.map(([id, at]) => ({ id, at })), expired: parsed.data.o ?? 0 };
  };
  return {
    async add(chatId, ids, nowSeconds) {
      if (!ids.length) return;
      const key = keyOf(chatId);
      const previous = await read(key);
      const kept = previous.messages.filter((m) => nowSeconds - m.at < deletableSeconds);
      const all = [...kept, ...ids.map((id) => ({ id, at: nowSeconds }))].slice(-maxLoggedMessages);
      const expired = previous.expired + previous.messages.length - kept.length;
      await sessions.set(key, { v: 1, m: all.map((m) => [m.id, m.at]), o: expired }, ttlSeconds);
    },
    async take(chatId) {
      const key = keyOf(chatId);
      const logged = await read(key);
      await sessions.delete(key);
      return logged;
    },
  };
}
