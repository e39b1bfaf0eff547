/**
 * GET /metrics in Prometheus' text format, for a request with `Authorization: Bearer <ADMIN_TOKEN>`
 * (Prometheus' `authorization` setting). Without ADMIN_TOKEN the route is not mounted: the figures
 * describe the service's load and are not for everyone.
 */
import { Hono } from "hono";
import type { Registry } from "prom-client";
import { bearerMatches } from "../http/bearer-matches.ts";

export const metricsPath = "/metrics";

export function metricsRoute(options: { registry: Registry; adminToken: string }): Hono {
  const app = new Hono();
  app.get(metricsPath, async function metrics(c) {
    if (!bearerMatches(c.req.header("authorization"), options.adminToken))
      return c.json({ error: "unauthorized" }, 401, { "www-authenticate": "Bearer" });
    return c.body(await options.registry.metrics(), 200, { "content-type": options.registry.contentType });
  });
  return app;
}
