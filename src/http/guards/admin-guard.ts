/**
 * The one guard of every admin route (analytics API, WhatsApp pairing status, the staff console's
 * API): Hono's bearerAuth, which compares digests of the given and the configured ADMIN_TOKEN in
 * constant time, so response timing tells nothing about how much of a guess was right. No token
 * configured means the admin routes are off (404): a forgotten setting never leaves them open.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";

const unauthorized = { error: "unauthorized: send Authorization: Bearer <ADMIN_TOKEN>" };
const wwwAuthenticate = 'Bearer realm="guardline-admin"';

/** Lets a request through only with `Authorization: Bearer <ADMIN_TOKEN>`. */
export const adminGuard = (options: { token: string | undefined }): MiddlewareHandler => {
  const check = options.token
    ? bearerAuth({
        token: options.token,
        realm: "guardline-admin",
        noAuthenticationHeader: { message: unauthorized, wwwAuthenticateHeader: wwwAuthenticate },
        invalidAuthenticationHeader: { message: unauthorized, wwwAuthenticateHeader: wwwAuthenticate },
        invalidToken: { message: unauthorized, wwwAuthenticateHeader: wwwAuthenticate },
      })
    : null;
  return async function adminGuard(c, next) {
    if (!check) return c.json({ error: "admin API off: set ADMIN_TOKEN to enable it" }, 404);
    return check(c, next);
  };
};

/** Whether the request is an admin's, by the same check (for routes that show admins more, such as /readyz). */
export async function isAdmin(c: Context, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  let passed = false;
  try {
    await adminGuard({ token })(c, async () => {
      passed = true;
    });
  } catch (error) {
    if (!(error instanceof HTTPException)) throw error;
  }
  return passed;
}
