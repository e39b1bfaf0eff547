import { request } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../logging/create-logger.ts";
import { createApp } from "../create-app.ts";
import { bodyOf } from "./body-limits.ts";

const logger = createLogger({ level: "silent" });

/** A stand-in webhook that reads the whole body, as a channel does. */
function webhook(): { app: Hono; bodies: number[] } {
  const bodies: number[] = [];
  const app = new Hono();
  app.post("/", async (c) => {
    bodies.push((await c.req.arrayBuffer()).byteLength);
    return c.text("ok");
  });
  app.get("/", (c) => c.text(c.req.query("hub.challenge") ?? ""));
  return { app, bodies };
}

const servers: Array<{ close(): void }> = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function listen(app: Hono): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(info.port),
    );
    servers.push(server);
  });
}

/** Announces `announced` bytes, sends only the first 64 KiB and waits for the answer. */
function postPartly(port: number, announced: number): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/webhooks/telegram",
        headers: { "content-type": "application/json", "content-length": announced },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, ms: Date.now() - started });
        req.destroy();
      },
    );
    req.on("error", reject);
    req.write(Buffer.alloc(64 * 1024, "1"));
  });
}

describe("body limits", () => {
  it("answers a 10 MB Telegram webhook body 413 before reading it, and /healthz keeps answering", async () => {
    const telegram = webhook();
    const port = await listen(
      createApp({ logger, routes: [{ path: "/webhooks/telegram", app: telegram.app }] }),
    );
    const answer = await postPartly(port, 10 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(telegram.bodies).toEqual([]);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it("cuts a chunked body without Content-Length once it passes the limit; small bodies pass", async () => {
    const telegram = webhook();
    const app = createApp({ logger, routes: [{ path: "/webhooks/telegram", app: telegram.app }] });
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const big = await app.request("/webhooks/telegram", {
      method: "POST",
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(big.status).toBe(413);
    const small = await app.request("/webhooks/telegram", { method: "POST", body: "{}" });
    expect(small.status).toBe(200);
    expect(telegram.bodies).toEqual([2]);
  });

  it("served by Node: reads the body once, cuts a chunked one past the limit, and hands it to either reader", async () => {
    const seen: string[] = [];
    const telegram = new Hono();
    telegram.post("/", async (c) => {
      // A channel takes the buffer; code reading the web way gets the same bytes.
      seen.push((await bodyOf(c)).toString("utf8"), await c.req.text());
      return c.text("ok");
    });
    const port = await listen(createApp({ logger, routes: [{ path: "/webhooks/telegram", app: telegram }] }));
    const post = (chunks: Buffer[]) =>
      new Promise<number>((resolve, reject) => {
        // No Content-Length: sent chunked, so only counting what arrives can stop it.
        const req = request(
          { host: "127.0.0.1", port, method: "POST", path: "/webhooks/telegram" },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    const update = '{"update_id":1,"message":{"text":"hé"}}';
    expect(await post([Buffer.from(update.slice(0, 10)), Buffer.from(update.slice(10))])).toBe(200);
    expect(seen).toEqual([update, update]);
    expect(await post(Array.from({ length: 5 }, () => Buffer.alloc(64 * 1024, "1")))).toBe(413);
    expect(seen).toHaveLength(2);
  });

  it("served by Node: a sender gone mid-body reaches no handler and no error, and the next request is answered", async () => {
    const lines: string[] = [];
    const logged = createLogger({
      level: "debug",
      destination: { write: (l: string) => void lines.push(l) },
    });
    const telegram = webhook();
    const port = await listen(
      createApp({ logger: logged, routes: [{ path: "/webhooks/telegram", app: telegram.app }] }),
    );
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          "POST /webhooks/telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" +
            '{"update_id":',
        );
        setTimeout(() => (socket.destroy(), resolve()), 50);
      });
      socket.on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(telegram.bodies).toEqual([]);
    expect(lines.map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level >= 50)).toEqual([]);
    const next = await fetch(`http://127.0.0.1:${port}/webhooks/telegram`, { method: "POST", body: "{}" });
    expect(next.status).toBe(200);
    expect(telegram.bodies).toEqual([2]);
  });

  it("gives WhatsApp Cloud more room than Telegram", async () => {
    const routes = [
      { path: "/webhooks/telegram", app: webhook().app },
      { path: "/", app: new Hono().route("/webhooks/whatsapp", webhook().app) },
    ];
    const app = createApp({ logger, routes });
    const body = "x".repeat(512 * 1024);
    expect((await app.request("/webhooks/telegram", { method: "POST", body })).status).toBe(413);
    expect((await app.request("/webhooks/whatsapp", { method: "POST", body })).status).toBe(200);
  });
});

describe("secure headers", () => {
  it("sends CSP, nosniff, frame and referrer policy on every response, HSTS only over https", async () => {
    const routes = [{ path: "/", app: new Hono().route("/webhooks/whatsapp", webhook().app) }];
    const plain = createApp({ logger, routes });
    const https = createApp({ logger, routes, https: true });
    for (const path of ["/healthz", "/readyz", "/nowhere", "/webhooks/whatsapp?hub.challenge=%3Cscript%3E"]) {
      const res = await plain.request(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
      expect((await https.request(path)).headers.get("strict-transport-security"), path).toMatch(
        /max-age=\d+/,
      );
    }
    const echo = await plain.request("/webhooks/whatsapp?hub.challenge=%3Cscript%3E");
    expect(echo.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await echo.text()).toBe("<script>");
  });
});
