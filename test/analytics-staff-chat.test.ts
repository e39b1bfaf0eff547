/**
 * The staff chat counts with `joinOnly`: it never holds DATA_DIR's embedded database while it
 * runs, so the server can start meanwhile; its counts are written in one brief opening at close
 * (or through the running server's database).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createAnalytics } from "../src/analytics/create-analytics.ts";
import { startEmbeddedPostgres } from "../src/analytics/embedded-postgres.ts";
import { analyticsConfig, completeOne, miniConversation } from "./support/analytics.ts";
import { captureLogger } from "./support/test-logger.ts";

const config = analyticsConfig();
afterAll(() => rmSync(config.DATA_DIR, { recursive: true, force: true }));

async function simulatorStarts(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string | null }>(
      "SELECT sum(count) AS n FROM analytics_counter WHERE kind = 'conversation_started' AND channel = 'simulator'",
    );
    return Number(rows[0]!.n ?? 0);
  } finally {
    await client.end();
  }
}

describe("staff chat (joinOnly) and the server", () => {
  it("the server can open the embedded database while a chat is open; the chat's counts arrive at close", async () => {
    const log = captureLogger();
    const chat = await createAnalytics({ config, logger: log.logger, joinOnly: true });
    const { conversation } = miniConversation(chat.sink, log.logger);
    await completeOne(conversation, "staff-1", "simulator");
    await completeOne(conversation, "staff-2", "simulator");
    expect(await chat.ready()).toBe(false);

    // `npm start` meanwhile: not EmbeddedDatabaseBusyError.
    const server = await startEmbeddedPostgres(config.DATA_DIR);
    await server.close();

    await chat.close(); // opens briefly (the server has stopped), migrates, writes, closes
    const check = await startEmbeddedPostgres(config.DATA_DIR);
    try {
      expect(await simulatorStarts(check.url)).toBe(2);
    } finally {
      await check.close();
    }
  });

  it("with the server running at close, writes through the server's database", async () => {
    const log = captureLogger();
    const chat = await createAnalytics({ config, logger: log.logger, joinOnly: true });
    const { conversation } = miniConversation(chat.sink, log.logger);
    await completeOne(conversation, "staff-3", "simulator");
    const server = await startEmbeddedPostgres(join(config.DATA_DIR));
    try {
      await chat.close();
      expect(await simulatorStarts(server.url)).toBe(3);
    } finally {
      await server.close();
    }
  });
});
