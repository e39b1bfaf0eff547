/**
 * A sub-app that is not there yet (the analytics admin API, while its database opens): answers
 * 503 until `ready` resolves, then serves every request through the real app, mounted at `path`.
 */
import { Hono } from "hono";

export function deferredApp(path: string, ready: Promise<Hono>): Hono {
  let mounted: Hono | null = null;
  ready.then(
    (app) => (mounted = new Hono().route(path, app)),
    () => undefined,
  );
  const app = new Hono();
  app.all("*", async function deferred(c) {
    if (!mounted)
      return c.json({ error: "starting: try again in a few seconds" }, 503, { "Retry-After": "5" });
    return mounted.fetch(c.req.raw, c.env);
  });
  return app;
}
