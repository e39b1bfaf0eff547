/**
 * Security headers on every response, through Hono's secure-headers. The CSP allows only this
 * origin's own scripts, styles and images (the console's pages are server-rendered and small) and
 * forbids framing; nosniff is on everything, including the plain-text `hub.challenge` echo, so a
 * browser never reads a reflected value as HTML. HSTS only when the service is known to sit behind
 * https (PUBLIC_URL), so a laptop on http://localhost is not pinned to https.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

export interface GuardlineHeadersOptions {
  /** Send Strict-Transport-Security (PUBLIC_URL is https). */
  hsts: boolean;
}

export const guardlineHeaders = (options: GuardlineHeadersOptions): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Inline style attributes are common in small server-rendered pages; inline scripts are not allowed.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: options.hsts ? "max-age=31536000; includeSubDomains" : false,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    xContentTypeOptions: true,
    crossOriginResourcePolicy: "same-origin",
  });
