/**
 * GET /metrics in Prometheus' text format, for a request with `Authorization: Bearer <ADMIN_TOKEN>`
 * (Prometheus' `authorization` setting). Without ADMIN_TOKEN the route is not mounted: the figures
 * describe the service's load and are not for everyone.
 */
import { Hono } from "hono";
import type { Registry } from "prom-client";
import { adminGuard } from "../http/guards/admin-guard.ts";

export const metricsPath = "/metrics";

export function metricsRoute(options: { registry: Registry; adminToken: string }): Hono {
  const app = new Hono();
  app.get(metricsPath, adminGuard({ token: options.adminToken }), async function metrics(c) {
    return c.body(await options.registry.metrics(), 200, { "content-type": options.registry.contentType });
  });
  return app;
}
