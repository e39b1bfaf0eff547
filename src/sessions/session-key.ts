/**
 * Session keys: HMAC-SHA256 of channel and chat id under a server secret. Without the secret a
 * key cannot be linked back to a chat id (a plain hash of a phone number can be reversed by
 * trying every number), and the raw id is never stored or logged.
 */
import { createHmac, createSecretKey } from "node:crypto";

export type SessionKeyer = (channel: string, chatId: string) => string;

export function createSessionKeyer(secret: string): SessionKeyer {
  if (secret.length < 16) throw new Error("session secret must be at least 16 characters");
  // Imported once: a string key is imported again by every createHmac, several times per turn.
  const key = createSecretKey(Buffer.from(secret, "utf8"));
  return (channel, chatId) =>
    `s:${createHmac("sha256", key).update(`${channel}\0${chatId}`).digest("base64url")}`;
}
