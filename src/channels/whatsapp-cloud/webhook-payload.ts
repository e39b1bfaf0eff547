/**
 * The parts of Meta's `messages` webhook Guardline reads, as zod schemas (lenient: Meta adds fields
 * often). Shape from Meta's webhook reference, for example:
 *
 * ```json
 * { "object": "whatsapp_business_account",
 *   "entry": [{ "id": "<WABA_ID>", "changes": [{ "field": "messages", "value": {
 *     "messaging_product": "whatsapp",
 *     "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
 *     "contacts": [{ "profile": { "name": "…" }, "wa_id": "16505551234" }],
 *     "messages": [{ "from": "16505551234", "id": "wamid.…", "timestamp": "1749416383",
 *                    "type": "text", "text": { "body": "…" } }] } }] }] }
 * ```
 * Delivery receipts arrive the same way with a `statuses` array instead of `messages`; a failed
 * one carries `errors: [{ code, title, message, error_data: { details } }]`.
 */
import { z } from "zod";

const reply = z.object({ id: z.string(), title: z.string().optional() });

export const cloudMessageSchema = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  type: z.string(),
  /** Present when the message was sent in a group: Guardline serves private chats only. */
  group_id: z.string().optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({ type: z.string(), button_reply: reply.optional(), list_reply: reply.optional() })
    .optional(),
  /** A tapped quick-reply button of a template message. */
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  audio: z.looseObject({ voice: z.boolean().optional() }).optional(),
  /** Photos, videos and documents may carry a caption: checked for safeguarding words only. */
  image: z.looseObject({ caption: z.string().optional() }).optional(),
  video: z.looseObject({ caption: z.string().optional() }).optional(),
  document: z.looseObject({ caption: z.string().optional() }).optional(),
});
export type CloudMessage = z.infer<typeof cloudMessageSchema>;

export const changeValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string() }),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const webhookPayloadSchema = z.looseObject({
  object: z.string(),
  entry: z
    .array(
      z.looseObject({
        changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).default([]),
      }),
    )
    .default([]),
});

const failedStatusSchema = z.looseObject({
  status: z.literal("failed"),
  errors: z.array(z.looseObject({ code: z.union([z.number(), z.string()]).optional() })).optional(),
});

/** The messages of one webhook call addressed to our number; malformed ones are counted, not fatal. */
export function messagesOf(
  body: unknown,
  phoneNumberId: string,
): { messages: CloudMessage[]; skipped: number } {
  const payload = webhookPayloadSchema.safeParse(body);
  if (!payload.success || payload.data.object !== "whatsapp_business_account")
    return { messages: [], skipped: 1 };
  const messages: CloudMessage[] = [];
  let skipped = 0;
  for (const change of payload.data.entry.flatMap((e) => e.changes)) {
    if (change.field !== "messages") continue;
    const value = changeValueSchema.safeParse(change.value);
    if (!value.success) {
      skipped += 1;
      continue;
    }
    // One app may serve several numbers; answer only what was sent to ours.
    if (value.data.metadata.phone_number_id !== phoneNumberId) continue;
    for (const raw of value.data.messages ?? []) {
      const message = cloudMessageSchema.safeParse(raw);
      if (message.success) messages.push(message.data);
      else skipped += 1;
    }
  }
  return { messages, skipped };
}

/**
 * Replies Meta accepted but could not deliver (status "failed"), counted per error code ("unknown"
 * when none is given). Only the codes: the recipient and message ids identify a person.
 */
export function failedDeliveries(body: unknown, phoneNumberId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const payload = webhookPayloadSchema.safeParse(body);
  if (!payload.success) return counts;
  for (const change of payload.data.entry.flatMap((e) => e.changes)) {
    const value = changeValueSchema.safeParse(change.value);
    if (
      change.field !== "messages" ||
      !value.success ||
      value.data.metadata.phone_number_id !== phoneNumberId
    )
      continue;
    for (const raw of value.data.statuses ?? []) {
      const status = failedStatusSchema.safeParse(raw);
      if (!status.success) continue;
      const code = String(status.data.errors?.[0]?.code ?? "unknown");
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return counts;
}
