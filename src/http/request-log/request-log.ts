/**
 * Logs each request: method, matched route pattern, status and duration. Never the full URL
 * (query strings can carry tokens or ids), headers, or bodies. Probes log at debug level.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";

export interface RequestLogOptions {
  logger: Logger;
  /** Paths logged at debug level only (health probes every few seconds). */
  quiet?: readonly string[];
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
    const quiet = options.quiet?.includes(c.req.path) ?? false;
    if (quiet) options.logger.debug(entry, "request");
    else options.logger.info(entry, "request");
  };
