/**
 * A fake Graph API on loopback (port 0): accepts `POST /<version>/<phone number id>/messages`,
 * records every call, and can answer the next calls with errors (429, 500) to test retries.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphCall {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> & { to: string; type: string };
}

export interface FakeGraphApi {
  readonly url: string;
  /** Every call, failed ones included. */
  readonly calls: GraphCall[];
  /** Successful sends only. */
  delivered(): GraphCall[];
  /** The next `count` calls get this status (with Retry-After, if given). */
  failNext(status: number, count?: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

export async function startFakeGraphApi(): Promise<FakeGraphApi> {
  const calls: GraphCall[] = [];
  const ok = new Set<GraphCall>();
  const failures: Array<{ status: number; retryAfter?: number }> = [];
  let sent = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const call: GraphCall = { path: req.url ?? "", authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
      calls.push(call);
      const failure = failures.shift();
      res.setHeader("content-type", "application/json");
      if (failure) {
        if (failure.retryAfter !== undefined) res.setHeader("retry-after", String(failure.retryAfter));
        res.statusCode = failure.status;
        res.end(JSON.stringify({ error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: failure.status === 429 ? 130429 : 1 } }));
        return;
      }
      ok.add(call);
      sent += 1;
      res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: call.body.to, wa_id: call.body.to }], messages: [{ id: `wamid.fake${sent}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    delivered: () => calls.filter((c) => ok.has(c)),
    failNext(status, count = 1, retryAfterSeconds) {
      for (let i = 0; i < count; i++) failures.push(retryAfterSeconds === undefined ? { status } : { status, retryAfter: retryAfterSeconds });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
