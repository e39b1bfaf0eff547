/**
 * The database goes down while people talk to the bot and comes back: every turn is answered
 * without waiting, counts are kept (bounded) and written when the database is back, and what
 * had to be dropped is counted. A TCP relay in front of the database plays the outage. The service
 * also starts while the database is unreachable and writes what it counted once it is there.
 * On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalytics, type Analytics } from "../src/analytics/create-analytics.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/analytics/embedded-postgres.ts";
import { captureLogger } from "./support/test-logger.ts";
import { turnOf } from "./support/turn.ts";
import type { SummaryReport } from "../src/analytics/summary-report.ts";
import {
  analyticsConfig,
  completeOne,
  miniConversation,
  testDatabases,
  untilReady,
} from "./support/analytics.ts";

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
  return { open, cut, url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}` };
}

/** The database behind the relay: the embedded one served in-process, or a fresh PostgreSQL database. */
interface Backend {
  name: string;
  start(): Promise<{ port: number; database: string; cleanup(): Promise<void> }>;
}
const backends: Backend[] = [
  {
    name: "PGlite",
    async start() {
      const dir = mkdtempSync(join(tmpdir(), "guardline-outage-"));
      const embedded: EmbeddedPostgres = await startEmbeddedPostgres(dir);
      return {
        port: embedded.port,
        database: "postgres",
        cleanup: async () => (await embedded.close(), rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
  ...testDatabases()
    .filter((d) => d.name === "PostgreSQL")
    .map((d) => ({
      name: d.name,
      async start() {
        const db = await d.setup();
        const url = new URL(db.databaseUrl!);
        return { port: Number(url.port || 5432), database: url.pathname.slice(1), cleanup: db.cleanup };
      },
    })),
];

describe.each(backends)("database down and back ($name)", (backend) => {
  const log = captureLogger();
  let analytics: Analytics;
  let net: ReturnType<typeof relay>;
  let cleanup = async () => {};

  beforeAll(async () => {
    const db = await backend.start();
    cleanup = db.cleanup;
    net = relay(db.port);
    await net.open();
    // 30 cells of room: one channel's conversations fit, a second channel's do not.
    analytics = await createAnalytics({
      config: analyticsConfig({ DATABASE_URL: net.url(db.database), ANALYTICS_BUFFER_MAX: 30 }),
      logger: log.logger,
      campaigns: ["spring"],
    });
    await untilReady(analytics);
  });
  afterAll(async () => {
    await analytics?.close();
    await cleanup();
  });

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
    const summary = async (query: string) =>
      (await (
        await analytics.routes.request(`/summary${query}`, {
          headers: { authorization: "Bearer admin-token-0123456789" },
        })
      ).json()) as SummaryReport;
    expect((await summary("?channel=telegram")).conversations.completed).toBe(10); // none lost while down
    const droppedLog = log.lines
      .map((l) => JSON.parse(l) as { droppedEvents?: number })
      .filter((l) => l.droppedEvents);
    const droppedLogged = droppedLog.reduce((s, l) => s + l.droppedEvents!, 0);
    expect(droppedLogged).toBeGreaterThan(0);
    expect((await summary("")).droppedEvents).toBe(droppedLogged);
    expect((await summary("?channel=telegram")).droppedEvents).toBe(droppedLogged); // not lost under a channel filter
    expect(log.text()).toContain("reachable again");
  });
});

describe.each(backends)("starting while the database is unreachable ($name)", (backend) => {
  it("starts at once, counts in memory, and writes the counts when the database comes up", async () => {
    const log = captureLogger();
    const db = await backend.start();
    const net = relay(db.port);
    await net.open();
    await net.cut(); // the port is known and nothing listens on it
    const t0 = Date.now();
    const analytics = await createAnalytics({
      config: analyticsConfig({ DATABASE_URL: net.url(db.database) }),
      logger: log.logger,
      campaigns: ["spring"],
      retry: { firstMs: 50, maxMs: 200 },
    });
    try {
      expect(Date.now() - t0).toBeLessThan(1000); // did not wait for the database
      expect(await analytics.ready()).toBe(false);
      const { conversation } = miniConversation(analytics.sink, log.logger);
      for (let i = 0; i < 6; i++) await completeOne(conversation, `early-${i}`);
      await analytics.sink.flush();
      const reports = await analytics.routes.request("/summary", {
        headers: { authorization: "Bearer admin-token-0123456789" },
      });
      expect(reports.status).toBe(503);
      await new Promise((r) => setTimeout(r, 600)); // several retries while down
      await net.open();
      await analytics.opened;
      await untilReady(analytics);
      await analytics.sink.flush();
      const summary = (await (
        await analytics.routes.request("/summary", {
          headers: { authorization: "Bearer admin-token-0123456789" },
        })
      ).json()) as SummaryReport;
      expect(summary.conversations).toMatchObject({ started: 6, completed: 6 });
      expect(log.lines.filter((l) => l.includes("analytics database unavailable"))).toHaveLength(1); // the outage, once
      expect(log.text()).toContain("reachable again");
    } finally {
      await analytics.close();
      await net.cut();
      await db.cleanup();
    }
  });
});

describe("a migration that fails", () => {
  it("is logged with its name and SQL error, stops the retries and rejects opened; the service still runs", async () => {
    const log = captureLogger();
    const migrations = mkdtempSync(join(tmpdir(), "guardline-migrations-"));
    mkdirSync(join(migrations, "20250102000000_broken"));
    writeFileSync(
      join(migrations, "20250102000000_broken", "migration.sql"),
      "SELECT * FROM no_such_table;\n",
    );
    const config = analyticsConfig();
    const analytics = await createAnalytics({
      config,
      logger: log.logger,
      migrationsDir: migrations,
      retry: { firstMs: 10, maxMs: 10 },
    });
    try {
      await expect(analytics.opened).rejects.toThrow(
        /20250102000000_broken failed and was rolled back: .*no_such_table/,
      );
      analytics.sink.record(turnOf([{ type: "conversation_started" }]), {
        channel: "telegram",
        locale: "en",
        country: "",
        campaign: "",
      }); // still does not throw
      expect(await analytics.ready()).toBe(false);
      const line = log.lines
        .map((l) => JSON.parse(l) as { migration?: string; reason?: string })
        .find((l) => l.migration);
      expect(line).toMatchObject({
        migration: "20250102000000_broken",
        reason: expect.stringMatching(/no_such_table/),
      });
    } finally {
      await analytics.close();
      rmSync(migrations, { recursive: true, force: true });
      rmSync(config.DATA_DIR, { recursive: true, force: true });
    }
  });
});
