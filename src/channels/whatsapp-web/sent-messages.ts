/**
 * The messages of each chat that erase should remove, keyed by the session key (a keyed hash,
 * never the chat id) and bounded twice: per chat, and in chats (least recently active dropped).
 * Held in memory only: after a restart, older messages stay on the phone.
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

  constructor(private readonly perChat = 100, chats = 10_000) {
    this.chats = new LRUCache({ max: chats });
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
