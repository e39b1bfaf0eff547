/**
 * Logs each request: method, matched route pattern, status and duration. Never the full URL
 * (query strings can carry tokens or ids), headers, or bodies. Probes log at debug level, and so
 * do the platforms' webhook deliveries that were accepted: there is one per message people send,
 * the turn runner already logs each turn ("turn answered"), and formatting a second line per
 * turn cost a measurable share of a turn's CPU under load. A delivery refused or failed (4xx,
 * 5xx) is logged at info like any other request.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";

export interface RequestLogOptions {
  logger: Logger;
  /** Paths logged at debug level only (health probes every few seconds). */
  quiet?: readonly string[];
  /** Path prefixes whose successful (2xx) requests are logged at debug level (webhooks). */
  quietWhenOk?: readonly string[];
}

export const requestLog = (options: RequestLogOptions): MiddlewareHandler =>
  async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const route = c.req.routePath || "unmatched";
    const entry = {
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    const path = c.req.path;
    const quiet =
      (options.quiet?.includes(path) ?? false) ||
      (c.res.status < 300 && (options.quietWhenOk?.some((prefix) => path.startsWith(prefix)) ?? false));
    if (quiet) options.logger.debug(entry, "request");
    else options.logger.info(entry, "request");
  };
