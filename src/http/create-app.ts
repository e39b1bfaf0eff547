/**
 * The HTTP app: health and readiness probes, channel webhooks and other routes mounted by the
 * composition root, request logging without identifiers, and errors mapped to responses once.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import type { AnalyticsSink } from "../analytics/analytics-sink.ts";
import type { ChannelStatus } from "../channels/channel.ts";
import { isAdmin } from "./guards/admin-guard.ts";
import { limitBody, webhookBodyLimits, type BodyLimit } from "./guards/body-limits.ts";
import { guardlineHeaders } from "./guards/secure-headers.ts";
import { requestLog } from "./request-log/request-log.ts";

export interface CheckResult {
  ok: boolean;
  /** Shown in /readyz: counts and reasons for operators, never identifiers. */
  detail?: unknown;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<CheckResult> | CheckResult;
}

export interface AppDeps {
  logger: Logger;
  /** All must pass for /readyz to answer 200: content loaded, session store reachable, ... */
  readiness?: ReadinessCheck[];
  /** Shown in /readyz; a channel that is off or failing does not make the service unready. */
  channels?: () => ChannelStatus[];
  /** Middleware for every request, after the request log (metrics). */
  middleware?: MiddlewareHandler[];
  /** Sub-apps to mount: channel webhooks (/webhooks/telegram, /webhooks/whatsapp), admin routes. */
  routes?: Array<{ path: string; app: Hono }>;
  /** For routes that report on analytics; the app itself only passes it along. */
  analytics?: AnalyticsSink;
  /** A readiness check slower than this counts as failed (default 2 s). */
  checkTimeoutMs?: number;
  /**
   * ADMIN_TOKEN. /readyz shows each check's details and each channel's reason (file paths, error
   * texts) only to a request with `Authorization: Bearer <token>`; everyone else sees ok/not ok.
   */
  adminToken?: string;
  /** Body limits per route (default: the webhooks' limits in guards/body-limits.ts). */
  bodyLimits?: BodyLimit[];
  /** Send HSTS: the service is reached over https (PUBLIC_URL is set). */
  https?: boolean;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const started = Date.now();
  app.use(requestLog({ logger: deps.logger, quiet: ["/healthz", "/readyz"], quietWhenOk: ["/webhooks/"] }));
  app.use(guardlineHeaders({ hsts: deps.https ?? false }));
  for (const limit of deps.bodyLimits ?? webhookBodyLimits) {
    app.use(limit.path, limitBody(limit.maxBytes));
    app.use(`${limit.path}/*`, limitBody(limit.maxBytes));
  }
  for (const middleware of deps.middleware ?? []) app.use(middleware);

  app.get("/healthz", (c) =>
    c.json({ status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
  );

  app.get("/readyz", async (c) => {
    const results = await Promise.all(
      (deps.readiness ?? []).map(
        async (r) => [r.name, await runCheck(r, deps.checkTimeoutMs ?? 2000)] as const,
      ),
    );
    const ready = results.every(([, r]) => r.ok);
    const channels = deps.channels?.() ?? [];
    const body = (await isAdmin(c, deps.adminToken))
      ? { status: ready ? "ready" : "not ready", checks: Object.fromEntries(results), channels }
      : {
          status: ready ? "ready" : "not ready",
          checks: Object.fromEntries(results.map(([name, r]) => [name, { ok: r.ok }])),
          channels: channels.map(({ name, state }) => ({ name, state })),
        };
    return c.json(body, ready ? 200 : 503);
  });

  for (const route of deps.routes ?? []) app.route(route.path, route.app);

  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    deps.logger.error({ err: error, method: c.req.method, route: c.req.routePath }, "request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message.slice(0, 200) : "failed" };
  } finally {
    clearTimeout(timer);
  }
}
