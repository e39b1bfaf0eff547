/**
 * POST /webhooks/telegram. The secret header is checked first, in constant time, so a forged
 * request gets 401 before anything (not even getMe) happens; grammY's adapter then checks it again.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { webhookCallback, type Bot } from "grammy";
import { Hono } from "hono";

export const secretHeader = "X-Telegram-Bot-Api-Secret-Token";

export function createTelegramWebhook(bot: Bot, secret: string, accepting: () => boolean): Hono {
  const app = new Hono();
  let handle: ((c: unknown) => Promise<Response>) | undefined;
  app.post("/", async function telegramWebhook(c) {
    if (!secretMatches(c.req.header(secretHeader), secret)) return c.json({ error: "unauthorized" }, 401);
    // Shutting down: Telegram retries later, and another instance (or the restarted one) answers.
    if (!accepting()) return c.json({ error: "not accepting updates" }, 503);
    handle ??= webhookCallback(bot, "hono", { secretToken: secret, onTimeout: "return" }) as (c: unknown) => Promise<Response>;
    return handle(c);
  });
  return app;
}

/** Hashing both sides first gives equal lengths, so timingSafeEqual never leaks the secret's length. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(secret));
}
