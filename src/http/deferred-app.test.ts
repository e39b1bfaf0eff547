import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { deferredApp } from "./deferred-app.ts";

describe("deferredApp", () => {
  it("answers 503 until the real app is there, then serves it at the same path", async () => {
    let resolve!: (app: Hono) => void;
    const outer = new Hono().route("/api/x", deferredApp("/api/x", new Promise<Hono>((r) => (resolve = r))));
    expect((await outer.request("/api/x/summary")).status).toBe(503);
    const real = new Hono();
    real.get("/summary", (c) => c.json({ total: 3 }));
    resolve(real);
    await new Promise((r) => setTimeout(r, 0));
    const res = await outer.request("/api/x/summary?from=2025-01-01");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: 3 });
    expect((await outer.request("/api/x/elsewhere")).status).toBe(404);
  });
});
