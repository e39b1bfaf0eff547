/**
 * Hono middleware counting webhook requests (/webhooks/<channel>...) by channel and status
 * answered. Other paths pass untouched. The channel label comes from a fixed list, never from
 * the path as sent.
 */
import type { MiddlewareHandler } from "hono";
import type { Metrics } from "./create-metrics.ts";

const webhookChannels: Record<string, string> = { telegram: "telegram", whatsapp: "whatsapp_cloud" };

export const webhookRequests = (metrics: Metrics): MiddlewareHandler =>
  async function webhookRequests(c, next) {
    const [, first, second] = c.req.path.split("/");
    if (first !== "webhooks") return next();
    await next();
    metrics.webhookRequests.inc({
      channel: webhookChannels[second ?? ""] ?? "other",
      status: String(c.res.status),
    });
  };
