/**
 * Body limits per webhook, applied where routes are mounted so every channel gets one whatever
 * its own code does. A request announcing more (Content-Length) is answered 413 before any of its
 * body is read; a chunked one is cut as soon as it passes the limit.
 *
 * Served by Node (`@hono/node-server`, which hands Hono the Node request as `c.env.incoming`),
 * the body is read here from the Node stream into one buffer, which the channels take with
 * `bodyOf`. Hono's own `bodyLimit`, and `c.req.text()`, go through `c.req.raw.body`, for which
 * the Node adapter builds a full web `Request` around a web stream around the Node stream: on
 * every webhook delivery, a visible share of a turn's CPU. The buffer is also left where the
 * adapter looks for a body already read (`incoming.rawBody`), so code that reads the request
 * the web way still gets it. Anywhere else (`app.request` in tests, another runtime) Hono's
 * `bodyLimit` does the same job.
 */
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

export interface BodyLimit {
  /** Route path the limit covers (and everything under it). */
  path: string;
  maxBytes: number;
}

/**
 * Telegram updates are small (a 4096-character text with entities is well under 64 KiB); Meta
 * batches several messages and statuses into one WhatsApp Cloud call, so it gets more room.
 */
export const webhookBodyLimits: BodyLimit[] = [
  { path: "/webhooks/telegram", maxBytes: 256 * 1024 },
  { path: "/webhooks/whatsapp", maxBytes: 1024 * 1024 },
];

/** Bodies read from the Node stream, by request (the object Hono hands every handler). */
const bodies = new WeakMap<Request, Buffer>();

type NodeIncoming = IncomingMessage & { rawBody?: Buffer };

function nodeIncoming(c: Context): NodeIncoming | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming && typeof (incoming as IncomingMessage).on === "function"
    ? (incoming as NodeIncoming)
    : undefined;
}

export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) => c.json({ error: "payload too large", maxBytes }, 413);
  const webLimit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function limitBody(c, next) {
    const incoming = nodeIncoming(c);
    if (!incoming) return webLimit(c, next);
    const read = bodies.get(c.req.raw);
    if (read) return read.length > maxBytes ? tooLarge(c) : next();
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const announced = Number(incoming.headers["content-length"]);
    if (announced > maxBytes) return tooLarge(c);
    const body = await readStream(incoming, maxBytes);
    if (body === "too large") return tooLarge(c);
    // The sender went away mid-body: nobody is left to read the answer, and nothing is handled.
    if (body === "aborted") return c.json({ error: "the request body did not arrive whole" }, 400);
    bodies.set(c.req.raw, body);
    incoming.rawBody = body;
    return next();
  };
}

/** The request's body: as read by `limitBody`, or read now. */
export async function bodyOf(c: Context): Promise<Buffer> {
  return bodies.get(c.req.raw) ?? Buffer.from(await c.req.arrayBuffer());
}

/** The whole stream; "too large" once it passes `maxBytes` (the rest is let through unread). */
function readStream(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | "too large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      incoming.off("data", onData);
      incoming.resume();
      resolve("too large");
    };
    incoming.on("data", onData);
    incoming.once("end", () => resolve(Buffer.concat(chunks, size)));
    incoming.once("error", () => resolve("aborted"));
    incoming.once("close", () => {
      if (!incoming.complete) resolve("aborted");
    });
  });
}
