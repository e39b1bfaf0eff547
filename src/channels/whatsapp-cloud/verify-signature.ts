/**
 * Meta signs every webhook call: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the app secret>`. Checked over the exact bytes received (re-serialised JSON would
 * differ), and compared in constant time so the signature cannot be guessed byte by byte.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function verifySignature(rawBody: Uint8Array, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!match || !appSecret) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value Meta would send; for tests and local tools. */
export function signBody(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}
