/** Serves a Hono app on an ephemeral loopback port, for browser tests. */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function serveApp(app: {
  fetch: (request: Request) => Response | Promise<Response>;
}): Promise<Served> {
  return new Promise((resolve) => {
    const server: ServerType = serve(
      { fetch: app.fetch, port: 0, hostname: "127.0.0.1" },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
  });
}
