import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logging/create-logger.ts";
import { createApp } from "./create-app.ts";

function capture() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({ level: "debug", destination: { write: (l: string) => void lines.push(l) } }),
  };
}

describe("createApp", () => {
  it("answers /healthz with JSON", async () => {
    const res = await createApp({ logger: capture().logger }).request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", uptimeSeconds: expect.any(Number) });
  });

  it("is ready when every check passes, and lists channels", async () => {
    const app = createApp({
      logger: capture().logger,
      readiness: [{ name: "content", check: () => ({ ok: true, detail: { flows: 3 } }) }],
      channels: () => [{ name: "telegram", state: "off", detail: "TELEGRAM_BOT_TOKEN not set" }],
    });
    const res = await app.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ready",
      checks: { content: { ok: true } },
      channels: [{ name: "telegram", state: "off" }],
    });
  });

  it("shows readiness details (paths, error texts) only with the admin token", async () => {
    const adminToken = "an-admin-token-of-16+";
    const app = createApp({
      logger: capture().logger,
      adminToken,
      readiness: [
        {
          name: "content",
          check: () => ({
            ok: false,
            detail: { errors: ["/srv/guardline/flows/menu.yaml:3:1: error: no such node"] },
          }),
        },
      ],
      channels: () => [
        {
          name: "telegram",
          state: "starting",
          detail: "getMe failed: connect ECONNREFUSED 10.0.0.5:443; retrying in 4 s",
        },
      ],
    });
    const anonymous = await app.request("/readyz");
    expect(anonymous.status).toBe(503);
    const publicText = await anonymous.text();
    expect(JSON.parse(publicText)).toEqual({
      status: "not ready",
      checks: { content: { ok: false } },
      channels: [{ name: "telegram", state: "starting" }],
    });
    for (const wrong of [undefined, "Bearer wrong-token-0000000", adminToken]) {
      const res = await app.request("/readyz", wrong ? { headers: { authorization: wrong } } : {});
      expect(await res.text()).not.toContain("/srv/guardline");
    }
    const admin = await app.request("/readyz", { headers: { authorization: `Bearer ${adminToken}` } });
    expect(admin.status).toBe(503);
    expect(await admin.json()).toMatchObject({
      checks: { content: { ok: false, detail: { errors: [expect.stringContaining("menu.yaml:3")] } } },
      channels: [{ detail: expect.stringContaining("ECONNREFUSED") }],
    });
  });

  it("is not ready (503) when a check fails, throws or hangs", async () => {
    const app = createApp({
      logger: capture().logger,
      adminToken: "admin-token-0123456789",
      checkTimeoutMs: 50,
      readiness: [
        { name: "content", check: () => ({ ok: true }) },
        {
          name: "sessions",
          check: async () => {
            throw new Error("connection refused");
          },
        },
        { name: "slow", check: () => new Promise(() => {}) },
      ],
    });
    const res = await app.request("/readyz", { headers: { authorization: "Bearer admin-token-0123456789" } });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: "not ready",
      checks: {
        content: { ok: true },
        sessions: { ok: false, detail: "connection refused" },
        slow: { ok: false },
      },
    });
  });

  it("mounts routes, maps errors once and logs requests by route, not URL", async () => {
    const { lines, logger } = capture();
    const sub = new Hono();
    sub.post("/", (c) => c.json({ ok: true }));
    sub.get("/boom", () => {
      throw new Error("kaput");
    });
    sub.get("/teapot", () => {
      throw new HTTPException(418, { message: "short and stout" });
    });
    const app = createApp({ logger, routes: [{ path: "/webhooks/x", app: sub }] });
    expect((await app.request("/webhooks/x?token=987654321", { method: "POST" })).status).toBe(200);
    // An accepted delivery is a debug line (the turn has its own); a failed one is info.
    const accepted = JSON.parse(lines.at(-1)!) as { level: number; route: string; status: number };
    expect(accepted).toMatchObject({ level: 20, route: "/webhooks/x", status: 200 });
    const boom = await app.request("/webhooks/x/boom");
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ error: "internal error" });
    expect((await app.request("/webhooks/x/teapot")).status).toBe(418);
    expect((await app.request("/nowhere")).status).toBe(404);
    const log = lines.join("");
    expect(log).toContain('"route":"/webhooks/x"');
    expect(
      lines.map((l) => JSON.parse(l) as { level: number; status?: number }).find((l) => l.status === 418),
    ).toMatchObject({ level: 30 });
    expect(log).toContain("kaput");
    expect(log).not.toContain("987654321");
  });
});
