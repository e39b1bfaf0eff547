/**
 * The database goes down while people talk to the bot and comes back: every turn is answered
 * without waiting, counts are kept (bounded) and written when the database is back, and what
 * had to be dropped is counted. A TCP relay in front of the embedded database plays the outage.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalytics, type Analytics } from "../src/analytics/create-analytics.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/analytics/embedded-postgres.ts";
import { captureLogger } from "../src/analytics/test-logger.ts";
import { analyticsConfig, completeOne, miniConversation } from "./support/analytics.ts";

/** A relay that can be cut (closing every connection) and restored on the same port. */
function relay(target: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target, "127.0.0.1");
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {});
          s.on("close", () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server!.close(() => resolve());
    });
  return { open, cut, url: () => `postgresql://postgres@127.0.0.1:${port}/postgres` };
}

const dataDir = mkdtempSync(join(tmpdir(), "guardline-outage-"));
const log = captureLogger();
let embedded: EmbeddedPostgres;
let analytics: Analytics;
let net: ReturnType<typeof relay>;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres(join(dataDir, "db"));
  net = relay(embedded.port);
  await net.open();
  // 20 cells of room: one channel's conversations (14 cells) fit, a second channel's do not.
  analytics = await createAnalytics({ config: analyticsConfig({ DATABASE_URL: net.url(), ANALYTICS_BUFFER_MAX: 20 }), logger: log.logger, campaigns: ["spring"] });
});
afterAll(async () => {
  await analytics?.close();
  await embedded?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("database down and back", () => {
  it("keeps answering, keeps counts, counts what it drops, and writes it all when the database is back", async () => {
    const { conversation } = miniConversation(analytics.sink, log.logger);
    for (let i = 0; i < 5; i++) await completeOne(conversation, `before-${i}`, "telegram");
    await analytics.sink.flush();
    expect(await analytics.ready()).toBe(true);

    await net.cut();
    const started = Date.now();
    for (let i = 0; i < 5; i++) await completeOne(conversation, `during-${i}`, "telegram"); // same cells: kept
    for (let i = 0; i < 5; i++) await completeOne(conversation, `wa-${i}`, "whatsapp_web"); // new cells: beyond the bound
    const reply = await conversation.handle({ channel: "telegram", chatId: "x", input: { type: "start" } });
    expect(reply.replies.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2000); // turns never waited on the database
    await analytics.sink.flush();
    expect(await analytics.ready()).toBe(false);
    expect(log.text()).toContain("analytics database unavailable");

    await net.open();
    await analytics.sink.flush();
    await analytics.sink.flush();
    expect(await analytics.ready()).toBe(true);
    const res = await analytics.routes.request("/export.csv", { headers: { authorization: "Bearer admin-token-0123456789" } });
    const rows = (await res.text()).split("\r\n").slice(1).filter(Boolean).map((l) => l.split(","));
    const total = (kind: string, channel?: string) => rows.filter((r) => r[1] === kind && (!channel || r[9] === channel)).reduce((s, r) => s + Number(r[13]), 0);
    expect(total("conversation_completed", "telegram")).toBe(10); // none lost while down
    const droppedLog = log.lines.map((l) => JSON.parse(l) as { droppedEvents?: number }).filter((l) => l.droppedEvents);
    const droppedLogged = droppedLog.reduce((s, l) => s + l.droppedEvents!, 0);
    expect(droppedLogged).toBeGreaterThan(0);
    expect(total("analytics_dropped")).toBe(droppedLogged);
    expect(log.text()).toContain("reachable again");
  });
});
