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

/**
 * Stored as `{ v: 2, m: [id, at, id, at, ...], o }`: one flat array of integers, read and written
 * on every turn, so checking it is one loop rather than a schema per pair (a log grows by two or
 * three messages a turn, up to `maxLoggedMessages`). `o` counts the messages let go (too old to
 * delete, or beyond the bound), so erase can still say they stay on the phone. Version 1 kept
 * `[id, at]` pairs; logs stored by it are still read.
 */
interface StoredLog {
  v: 2;
  m: number[];
  o: number;
}

const storedVersion1 = z.object({
  v: z.literal(1),
  m: z.array(z.tuple([z.number().int(), z.number().int()])),
  o: z.number().int().nonnegative().optional(),
});

function readStored(value: unknown): StoredLog | null {
  const log = value as Partial<StoredLog> | null;
  if (log?.v === 2) {
    const m = log.m;
    const o = log.o;
    if (!Array.isArray(m) || m.length % 2 !== 0 || !Number.isSafeInteger(o) || (o as number) < 0) return null;
    for (const n of m) if (!Number.isSafeInteger(n)) return null;
    return { v: 2, m, o: o as number };
  }
  const old = storedVersion1.safeParse(value);
  return old.success ? { v: 2, m: old.data.m.flat(), o: old.data.o ?? 0 } : null;
}

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
  const read = async (key: string): Promise<StoredLog> =>
    readStored(await sessions.get(key)) ?? { v: 2, m: [], o: 0 };
  return {
    async add(chatId, ids, nowSeconds) {
      if (!ids.length) return;
      const key = keyOf(chatId);
      const { m: previous, o } = await read(key);
      const m: number[] = [];
      for (let i = 0; i < previous.length; i += 2)
        if (nowSeconds - previous[i + 1]! < deletableSeconds) m.push(previous[i]!, previous[i + 1]!);
      const tooOld = (previous.length - m.length) / 2;
      for (const id of ids) m.push(id, nowSeconds);
      const beyondBound = Math.max(0, m.length / 2 - maxLoggedMessages);
      const log: StoredLog = {
        v: 2,
        m: beyondBound ? m.slice(beyondBound * 2) : m,
        o: o + tooOld + beyondBound,
      };
      await sessions.set(key, log, ttlSeconds);
    },
    async take(chatId) {
      const key = keyOf(chatId);
      const { m, o } = await read(key);
      await sessions.delete(key);
      const messages: LoggedMessage[] = [];
      for (let i = 0; i < m.length; i += 2) messages.push({ id: m[i]!, at: m[i + 1]! });
      return { messages, expired: o };
    },
  };
}
