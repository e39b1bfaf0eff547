/**
 * Meta's documented webhook payloads (test/fixtures/whatsapp-cloud) with the fields a test
 * conversation needs replaced: sender, message id, text, button or row id.
 */
import { readFileSync } from "node:fs";
import { signBody } from "../../src/channels/whatsapp-cloud/verify-signature.ts";

export const fixtureDir = new URL("../fixtures/whatsapp-cloud/", import.meta.url);
export const phoneNumberId = "106540352242922";
export const appSecret = "test-app-secret-3f6c1a";
export const verifyToken = "test-verify-token-93b2";

type Payload = {
  entry: Array<{
    changes: Array<{
      value: { contacts?: Array<{ wa_id: string }>; messages?: Array<Record<string, unknown>> };
    }>;
  }>;
};

export type FixtureName =
  | "text"
  | "button-reply"
  | "list-reply"
  | "image"
  | "voice"
  | "sticker"
  | "location"
  | "unsupported"
  | "reaction"
  | "group-text"
  | "status-delivered"
  | "status-failed";

let counter = 0;

export function fixture(
  name: FixtureName,
  change: { from?: string; text?: string; replyId?: string; replyTitle?: string } = {},
): Payload {
  const payload = JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), "utf8")) as Payload;
  const value = payload.entry[0]!.changes[0]!.value;
  for (const message of value.messages ?? []) {
    counter += 1;
    message.id = `wamid.test${counter}`;
    if (change.from) message.from = change.from;
    if (change.text !== undefined) (message.text as { body: string }).body = change.text;
    const interactive = message.interactive as
      ({ type: string } & Record<string, { id: string; title: string }>) | undefined;
    if (interactive && change.replyId)
      interactive[interactive.type] = { id: change.replyId, title: change.replyTitle ?? "" };
  }
  for (const contact of value.contacts ?? []) if (change.from) contact.wa_id = change.from;
  return payload;
}

/** A POST as Meta makes it: the raw JSON body and its signature. */
export function signedPost(
  payload: unknown,
  secret = appSecret,
): RequestInit & { headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  return {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, secret) },
  };
}
