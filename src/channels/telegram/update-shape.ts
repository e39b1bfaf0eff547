/**
 * The parts of a Telegram update the channel reads, checked before anything reads them. The Bot API
 * never sends less, but a proxy, a self-hosted Bot API server or someone holding the webhook secret
 * can; one malformed update must be skipped, not crash the handler (which stops long polling).
 * Loose objects: Telegram adds fields all the time, and those are none of our business.
 */
import type { Update } from "grammy/types";
import { z } from "zod";

const chat = z.looseObject({ id: z.number().int(), type: z.string() });
const from = z.looseObject({ language_code: z.string().optional() });

const message = z.looseObject({
  message_id: z.number().int(),
  chat,
  from: from.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
});

const callbackQuery = z.looseObject({
  id: z.string(),
  from,
  // Absent for buttons under inline-mode messages; those are skipped as not private.
  message: z.looseObject({ chat }).optional(),
  data: z.string().optional(),
});

export const updateShape = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
});

/** True when every field toInbound reads is there with the right type. */
export function isWellFormedUpdate(value: unknown): value is Update {
  return updateShape.safeParse(value).success;
}
