/**
 * A fake Graph API on loopback (port 0): accepts `POST /<version>/<phone number id>/messages`,
 * records every call, and can answer the next calls with errors (429, 500, or HTTP 400 with one of
 * Meta's error codes) to test retries and fallbacks.
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
  /**
   * The next `count` calls get this status (with Retry-After, if given), and Meta's error `code`
   * (default: 130429 for 429, else 1). With `only`, just calls it matches fail (say, interactive ones).
   */
  failNext(status: number, count?: number, retryAfterSeconds?: number, options?: FailOptions): void;
  close(): Promise<void>;
}

export interface FailOptions {
  code?: number;
  only?: (call: GraphCall) => boolean;
}

type Failure = { status: number; retryAfter?: number; code: number; only?: (call: GraphCall) => boolean };

export async function startFakeGraphApi(): Promise<FakeGraphApi> {
  const calls: GraphCall[] = [];
  const ok = new Set<GraphCall>();
  const failures: Failure[] = [];
  let sent = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      // The phone number's own node: what Guardline asks for its share link.
      if (req.method === "GET")
        return res.end(JSON.stringify({ display_phone_number: "+1 555-078-3881", id: "106540352242922" }));
      const call: GraphCall = {
        path: req.url ?? "",
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      };
      calls.push(call);
      const index = failures.findIndex((f) => !f.only || f.only(call));
      const failure = index < 0 ? undefined : failures.splice(index, 1)[0];
      res.setHeader("content-type", "application/json");
      if (failure) {
        if (failure.retryAfter !== undefined) res.setHeader("retry-after", String(failure.retryAfter));
        res.statusCode = failure.status;
        res.end(
          JSON.stringify({
            error: {
              message: `(#${failure.code}) refused by the fake Graph API`,
              type: "OAuthException",
              code: failure.code,
              error_data: { messaging_product: "whatsapp", details: "test" },
              fbtrace_id: "AbCdEfGh",
            },
          }),
        );
        return;
      }
      ok.add(call);
      sent += 1;
      res.end(
        JSON.stringify({
          messaging_product: "whatsapp",
          contacts: [{ input: call.body.to, wa_id: call.body.to }],
          messages: [{ id: `wamid.fake${sent}` }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    delivered: () => calls.filter((c) => ok.has(c)),
    failNext(status, count = 1, retryAfterSeconds, options = {}) {
      const code = options.code ?? (status === 429 ? 130429 : 1);
      for (let i = 0; i < count; i++)
        failures.push({
          status,
          code,
          ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }),
          ...(options.only ? { only: options.only } : {}),
        });
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
