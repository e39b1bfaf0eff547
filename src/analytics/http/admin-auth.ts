/**
 * Bearer-token guard for the admin API. No token configured = the admin API is off (404), so a
 * forgotten setting never leaves reports open. Tokens are compared in constant time (digests of
 * equal length), so response timing tells nothing about how much of a guess was right.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

export interface AdminAuthOptions {
  /** ADMIN_TOKEN; undefined turns the admin API off. */
  token: string | undefined;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

export const adminAuth = (options: AdminAuthOptions): MiddlewareHandler => {
  const expected = options.token === undefined ? undefined : digest(options.token);
  return async function adminAuth(c, next) {
    if (!expected) return c.json({ error: "admin API off: set ADMIN_TOKEN to enable it" }, 404);
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="guardline-admin"');
      return c.json({ error: "unauthorized: send Authorization: Bearer <ADMIN_TOKEN>" }, 401);
    }
    await next();
  };
};
