/**
 * The messages of each chat that erase should remove: only their serialized ids and when they were
 * sent, never the Message objects (those hold the text, and act through the browser client that
 * made them, which is gone after a reconnect). Keyed by the session key (a keyed hash, never the
 * chat id) and bounded per chat, in chats (least recently active dropped) and in time. Held in
 * memory only: after a restart, earlier messages stay on the phones.
 *
 * At erase each id is looked up with the client connected now. whatsapp-web.js's
 * `Message.delete(true)` does not fail once WhatsApp's revoke window has passed: it quietly deletes
 * for the bot's phone only. So revoke-for-everyone is decided here by age, and the report says
 * honestly what was revoked and what was only removed from the bot's phone.
 */
import { LRUCache } from "lru-cache";
import type { Message } from "whatsapp-web.js";

/**
 * WhatsApp lets a sender delete for everyone for about 2 days and 12 hours; a margin covers the
 * gap between our clock and the moment WhatsApp stamped the message.
 */
export const revokeWindowMs = 60 * 3600_000 - 10 * 60_000;

export type Deletable = Pick<Message, "delete">;
/** Finds a message by serialized id through the current client; null when WhatsApp no longer has it. */
export type FindMessage = (id: string) => Promise<Deletable | null | undefined>;

interface Tracked {
  id: string;
  /** Epoch ms when it was sent or received. */
  at: number;
  /** The bot's own message (may be revoked for everyone), else the person's (removed from the bot's phone only). */
  mine: boolean;
}

export interface EraseResult {
  /** The bot's messages deleted for everyone. */
  revoked: number;
  /** Deleted from the bot's phone only: the person's messages, and the bot's past the revoke window. */
  removedForBot: number;
  /** Not found or not deletable (no client connected, WhatsApp refused). */
  failed: number;
}

export class SentMessages {
  private readonly chats: LRUCache<string, Tracked[]>;

  /** Time bound (default 7 days): past the revoke window a message can still leave the bot's phone. */
  constructor(
    private readonly perChat = 50,
    chats = 5_000,
    ttlMs = 7 * 24 * 3600_000,
  ) {
    this.chats = new LRUCache({ max: chats, ttl: ttlMs });
  }

  track(key: string, id: string, at: number, mine: boolean): void {
    const list = this.chats.get(key) ?? [];
    list.push({ id, at, mine });
    if (list.length > this.perChat) list.splice(0, list.length - this.perChat);
    this.chats.set(key, list);
  }

  /** Deletes what is tracked for the chat, through `find` (null: no client connected now). */
  async erase(key: string, find: FindMessage | null, now: number): Promise<EraseResult> {
    const list = this.chats.get(key) ?? [];
    this.chats.delete(key);
    const result: EraseResult = { revoked: 0, removedForBot: 0, failed: 0 };
    const outcomes = await Promise.allSettled(list.map((t) => this.eraseOne(t, find, now)));
    for (const outcome of outcomes) result[outcome.status === "fulfilled" ? outcome.value : "failed"] += 1;
    return result;
  }

  count(key: string): number {
    return this.chats.get(key)?.length ?? 0;
  }

  private async eraseOne(
    tracked: Tracked,
    find: FindMessage | null,
    now: number,
  ): Promise<keyof EraseResult> {
    const message = await find?.(tracked.id);
    if (!message) return "failed";
    const everyone = tracked.mine && now - tracked.at < revokeWindowMs;
    await message.delete(everyone);
    return everyone ? "revoked" : "removedForBot";
  }
}
