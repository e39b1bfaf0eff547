/**
 * The console's session cookie: signed with a key derived from the session secret (Hono's
 * signed cookies, HMAC-SHA256), httpOnly, SameSite=Strict, Secure when the console is served over
 * https, expiring after `maxAgeSeconds`. It carries the staff name, the expiry and a fingerprint
 * of the password hash, so resetting a password or removing an account ends its sessions; the
 * role is read from the account on every request, never from the cookie.
 */
import { createHmac } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";

export const sessionCookieName = "guardline_console";
/** The pseudo-account of a sign-in with ADMIN_TOKEN (only while no account exists). */
export const tokenAccount = "ADMIN_TOKEN";

export interface SessionOptions {
  sessionSecret: string;
  secure: boolean;
  maxAgeSeconds: number;
  now: () => Date;
}

export interface SessionClaim {
  name: string;
  fingerprint: string;
}

export function createSessions(options: SessionOptions) {
  const key = createHmac("sha256", options.sessionSecret).update("console-session").digest("base64url");
  const cookieOptions = {
    path: "/console",
    httpOnly: true,
    secure: options.secure,
    sameSite: "Strict",
  } as const;
  return {
    /** Who the password hash (or token) belongs to, without revealing it. */
    fingerprint: (secret: string) =>
      createHmac("sha256", key).update(secret).digest("base64url").slice(0, 22),
    async start(c: Context, claim: SessionClaim): Promise<void> {
      const expires = Math.floor(options.now().getTime() / 1000) + options.maxAgeSeconds;
      const value = [encodeURIComponent(claim.name), expires, claim.fingerprint].join(".");
      await setSignedCookie(c, sessionCookieName, value, key, {
        ...cookieOptions,
        maxAge: options.maxAgeSeconds,
      });
    },
    async read(c: Context): Promise<SessionClaim | null> {
      const value = await getSignedCookie(c, key, sessionCookieName);
      if (!value) return null;
      const [name, expires, fingerprint] = value.split(".");
      if (!name || !fingerprint || !(Number(expires) * 1000 > options.now().getTime())) return null;
      return { name: decodeURIComponent(name), fingerprint };
    },
    end(c: Context): void {
      deleteCookie(c, sessionCookieName, cookieOptions);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
