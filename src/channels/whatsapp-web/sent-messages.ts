/**
 * The messages of each chat that erase should remove, keyed by the session key (a keyed hash,
 * never the chat id) and bounded three ways: per chat, in chats (least recently active dropped)
 * and in time (WhatsApp lets a sender revoke a message for about 60 hours, so older ones are
 * useless to keep). Held in memory only: after a restart, earlier messages stay on the phones.
 */
import { LRUCache } from "lru-cache";
import type { Message } from "whatsapp-web.js";

export type Deletable = Pick<Message, "delete">;

interface Tracked {
  message: Deletable;
  /** The bot's own messages are revoked for everyone; the person's are removed from the bot's phone. */
  everyone: boolean;
}

export interface EraseResult {
  deleted: number;
  failed: number;
}

export class SentMessages {
  private readonly chats: LRUCache<string, Tracked[]>;

  constructor(private readonly perChat = 50, chats = 5_000, ttlMs = 60 * 3600 * 1000) {
    this.chats = new LRUCache({ max: chats, ttl: ttlMs });
  }

  track(key: string, message: Deletable, everyone: boolean): void {
    const list = this.chats.get(key) ?? [];
    list.push({ message, everyone });
    if (list.length > this.perChat) list.splice(0, list.length - this.perChat);
    this.chats.set(key, list);
  }

  /**
   * Deletes what is tracked for the chat. WhatsApp only lets a sender revoke recent messages
   * (about two days), so older ones fail; they are counted, not retried.
   */
  async erase(key: string): Promise<EraseResult> {
    const list = this.chats.get(key) ?? [];
    this.chats.delete(key);
    const results = await Promise.allSettled(list.map((t) => t.message.delete(t.everyone)));
    const failed = results.filter((r) => r.status === "rejected").length;
    return { deleted: list.length - failed, failed };
  }

  count(key: string): number {
    return this.chats.get(key)?.length ?? 0;
  }
}
