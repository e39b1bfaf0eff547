/**
 * The staff console at /console: secure headers with a strict Content-Security-Policy, CSRF
 * checks on every form, sign-in, then the pages by role. Mount the result at `consolePath`:
 *
 * ```ts
 * createApp({ routes: [{ path: consolePath, app: createConsole(deps) }] })
 * ```
 * Pages of other modules come in `deps.pages` (`{ path: "/flows", app, role: "viewer" }`).
 */
import { readFileSync } from "node:fs";
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { AnalyticsUnavailableError } from "../analytics/deferred-store.ts";
import { accountPages } from "./accounts/account-pages.tsx";
import { auditPage } from "./accounts/audit-page.tsx";
import { createSessions } from "./auth/session.ts";
import { requireRole, requireStaff } from "./auth/require-staff.ts";
import { signInRoutes } from "./auth/sign-in.tsx";
import { createThrottle } from "./auth/throttle.ts";
import { campaignPages } from "./campaigns/campaign-pages.tsx";
import { channelsPage } from "./channels/channels-page.tsx";
import type { ConsoleDeps } from "./console-deps.ts";
import type { ConsoleEnv } from "./console-env.ts";
import { consoleLayout, stylesheetPath } from "./layout.tsx";
import { overviewPage } from "./overview/overview-page.tsx";

export const consolePath = "/console";

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
const assets: Record<string, { type: string; body: string }> = {
  "console.css": { type: "text/css; charset=utf-8", body: asset("console.css") },
  "pairing.js": { type: "text/javascript; charset=utf-8", body: asset("pairing.js") },
};

/** Scripts and styles only from this server; no inline code, no frames, no plugins. */
export const consoleSecureHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: "no-referrer",
});

export function createConsole(deps: ConsoleDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const app = new Hono<ConsoleEnv>();
  const sessions = createSessions({
    sessionSecret: deps.sessionSecret,
    secure: deps.publicUrl?.startsWith("https://") ?? false,
    maxAgeSeconds: deps.sessionSeconds ?? 8 * 3600,
    now,
  });
  const throttle = createThrottle({
    maxFailures: 5,
    maxClientFailures: 20,
    windowMs: 15 * 60_000,
    now: () => now().getTime(),
  });
  const language = (c: Context<ConsoleEnv>) =>
    deps.translator.forRequest(c.req.header("accept-language")).language;
  const publicOrigin = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;

  app.use("*", consoleSecureHeaders);
  app.use("*", async function noStore(c, next) {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  app.get("/assets/:name", (c) => {
    const found = assets[c.req.param("name")];
    if (!found) return c.text("not found", 404);
    c.header("Content-Type", found.type);
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(found.body);
  });
  // Behind a proxy the request URL is http://; PUBLIC_URL's origin is the one browsers send.
  app.use(
    "*",
    csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin }),
  );
  app.use("*", async function consoleTexts(c, next) {
    c.set("t", deps.translator.forRequest(c.req.header("accept-language")).t);
    await next();
  });
  app.route(
    "/",
    signInRoutes({
      staff: deps.staff,
      sessions,
      throttle,
      adminToken: deps.adminToken,
      logger: deps.logger,
      language,
      clientKey: deps.clientKey,
      passwordCost: deps.passwordCost,
    }),
  );
  app.use("*", requireStaff({ staff: deps.staff, sessions, adminToken: deps.adminToken }));
  app.use("*", consoleLayout(language));

  app.route("/", overviewPage(deps));
  app.route("/campaigns", campaignPages(deps));
  for (const [path, page] of [
    ["/channels", channelsPage(deps)],
    ["/accounts", accountPages(deps)],
    ["/audit", auditPage(deps)],
  ] as const) {
    app.use(path, requireRole("admin"));
    app.use(`${path}/*`, requireRole("admin"));
    app.route(path, page);
  }
  for (const page of deps.pages ?? []) {
    app.use(page.path, requireRole(page.role));
    app.use(`${page.path}/*`, requireRole(page.role));
    app.route(page.path, page.app);
  }

  app.notFound((c) => c.text("not found", 404));
  app.onError((error, c) => {
    if (error instanceof AnalyticsUnavailableError)
      return c.var.staff
        ? page(c, 503, "warn", "errors.analytics_unavailable", "errors.unavailable_title")
        : c.text(c.var.t("errors.analytics_unavailable"), 503);
    if (error instanceof HTTPException && error.status === 403 && c.var.staff)
      return page(c, 403, "error", "errors.forbidden", "errors.forbidden_title");
    if (error instanceof HTTPException) return error.getResponse();
    deps.logger.error({ err: error, route: c.req.routePath }, "console page failed");
    return c.text("internal error", 500);
  });

  const outer = new Hono();
  outer.route("/", app as unknown as Hono);
  return outer;
}

/** A short notice in the console's frame, with the given status. */
async function page(c: Context<ConsoleEnv>, status: number, kind: string, text: string, title: string) {
  const res = await c.render(<p class={`notice ${kind}`}>{c.var.t(text)}</p>, { title: c.var.t(title) });
  return new Response(res.body, { status, headers: res.headers });
}

export { stylesheetPath };
