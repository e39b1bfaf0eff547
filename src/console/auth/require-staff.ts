/**
 * Console guards. `requireStaff` resolves the session cookie to a staff member (role from the
 * account, checked on every request) or sends the browser to the sign-in page; `requireRole`
 * answers 403 to a viewer on an admin page or action.
 */
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { StaffStore } from "../../staff/staff-store.ts";
import type { ConsoleEnv, StaffMember, StaffRole } from "../console-env.ts";
import { mayOpen } from "../layout.tsx";
import { tokenAccount, type Sessions } from "./session.ts";

export function requireStaff(options: {
  staff: StaffStore;
  sessions: Sessions;
  adminToken: string | undefined;
}): MiddlewareHandler<ConsoleEnv> {
  return async function requireStaff(c, next) {
    const member = await resolve(c, options);
    if (!member) {
      options.sessions.end(c);
      return c.redirect("/console/sign-in", 303);
    }
    c.set("staff", member);
    await next();
  };
}

async function resolve(
  c: Context<ConsoleEnv>,
  options: { staff: StaffStore; sessions: Sessions; adminToken: string | undefined },
): Promise<StaffMember | null> {
  const claim = await options.sessions.read(c);
  if (!claim) return null;
  if (claim.name === tokenAccount) {
    // The token's session lasts only until the first account exists: then staff sign in as themselves.
    const token = options.adminToken;
    const valid =
      token &&
      claim.fingerprint === options.sessions.fingerprint(`token:${token}`) &&
      (await options.staff.count()) === 0;
    return valid ? { name: tokenAccount, role: "admin" } : null;
  }
  const account = await options.staff.find(claim.name);
  if (!account || options.sessions.fingerprint(account.passwordHash) !== claim.fingerprint) return null;
  return { name: account.name, role: account.role };
}

export function requireRole(role: StaffRole): MiddlewareHandler<ConsoleEnv> {
  return async function requireRole(c, next) {
    if (!mayOpen(c.var.staff.role, role)) throw new HTTPException(403, { message: "admins only" });
    await next();
  };
}
