/**
 * POST /webhooks/telegram. The secret header is checked first, in constant time, so a forged
 * request gets 401 before anything (not even getMe) happens; grammY's adapter then checks it again.
 * The body is read and checked here, not by the adapter: a malformed body gets 400 with a fixed
 * sentence, and no parser error (which quotes the body, so the person's words) reaches a log.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { BotError, webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { Hono, type Context } from "hono";
import type { Logger } from "pino";
import { InboundUnavailableError } from "../../inbound/inbound-queue.ts";
import { bodyOf } from "../../http/guards/body-limits.ts";
import { isWellFormedUpdate } from "./update-shape.ts";

export const secretHeader = "X-Telegram-Bot-Api-Secret-Token";

export interface TelegramWebhookOptions {
  secret: string;
  accepting: () => boolean;
  logger: Logger;
}

type Handler = (c: Context, update: Update) => Promise<Response>;

export function createTelegramWebhook(bot: Bot, options: TelegramWebhookOptions): Hono {
  const app = new Hono();
  let handle: Handler | undefined;
  const expected = digest(options.secret);
  app.post("/", async function telegramWebhook(c) {
    if (!secretMatches(c.req.header(secretHeader), expected)) return c.json({ error: "unauthorized" }, 401);
    // Shutting down or not started yet: Telegram retries later, and a running instance answers.
    if (!options.accepting()) return c.json({ error: "not accepting updates" }, 503);
    const update = await readUpdate(c);
    if (!update.ok) {
      options.logger.warn({ reason: update.reason }, "telegram: webhook body refused");
      return c.json({ error: "the body is not a Telegram update" }, 400);
    }
    handle ??= webhookCallback(bot, parsedBody, {
      secretToken: options.secret,
      onTimeout: "return",
    }) as Handler;
    try {
      return await handle(c, update.value);
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      // Not kept (Redis unreachable, shutting down): Telegram delivers it again, here or elsewhere.
      if (error.error instanceof InboundUnavailableError)
        return c.json({ error: "the update could not be kept; deliver it again" }, 503);
      // The channel's own handler failed on this update: redelivering it would fail the same way.
      await bot.errorHandler(error);
      return c.body(null, 200);
    }
  });
  return app;
}

type ReadResult = { ok: true; value: Update } | { ok: false; reason: "empty" | "invalid_json" | "malformed" };

async function readUpdate(c: Context): Promise<ReadResult> {
  const text = (await bodyOf(c)).toString("utf8");
  if (!text.trim()) return { ok: false, reason: "empty" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "invalid_json" };
  }
  return isWellFormedUpdate(value) ? { ok: true, value } : { ok: false, reason: "malformed" };
}

/** grammY's Hono adapter, except that the update is the one already read and checked above. */
function parsedBody(c: Context, update: Update) {
  let resolveResponse!: (response: Response) => void;
  return {
    update,
    header: c.req.header(secretHeader),
    end: () => resolveResponse(c.body(null, 200)),
    respond: (json: string) => resolveResponse(c.body(json, 200, { "content-type": "application/json" })),
    unauthorized: () => resolveResponse(c.body(null, 401)),
    handlerReturn: new Promise<Response>((resolve) => (resolveResponse = resolve)),
  };
}

/** Hashing both sides first gives equal lengths, so timingSafeEqual never leaks the secret's length. */
function secretMatches(given: string | undefined, expectedDigest: Buffer): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(given), expectedDigest);
}

const digest = (s: string) => createHash("sha256").update(s).digest();
