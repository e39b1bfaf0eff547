/**
 * Whether a request carries `Authorization: Bearer <token>`. Digests of equal length are compared
 * in constant time, so response timing tells nothing about how much of a guess was right.
 */
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

export function bearerMatches(authorization: string | undefined, token: string | undefined): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization);
  return !!match && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}
