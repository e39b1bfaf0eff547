/**
 * Body limits per webhook, applied where routes are mounted so every channel gets one whatever
 * its own code does. A request announcing more (Content-Length) is answered 413 before any of its
 * body is read; a chunked one is cut as soon as it passes the limit.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

export interface BodyLimit {
  /** Route path the limit covers (and everything under it). */
  path: string;
  maxBytes: number;
}

/**
 * Telegram updates are small (a 4096-character text with entities is well under 64 KiB); Meta
 * batches several messages and statuses into one WhatsApp Cloud call, so it gets more room.
 */
export const webhookBodyLimits: BodyLimit[] = [
  { path: "/webhooks/telegram", maxBytes: 256 * 1024 },
  { path: "/webhooks/whatsapp", maxBytes: 1024 * 1024 },
];

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: "payload too large", maxBytes }, 413),
  });
}
