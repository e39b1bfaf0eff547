/**
 * Integration, one instance without Redis as a real process: killed with SIGKILL in the middle of
 * a turn (one of its three messages sent, the second in flight), started again on the same data
 * directory, it answers the rest of that turn (the entry was kept in DATA_DIR/inbound before the
 * webhook answered 200), and a redelivery of the update is answered once. Counts go to
 * PostgreSQL when TEST_DATABASE_URL is set (otherwise the embedded database, not waited for).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "./support/telegram/fake-bot-api.ts";
import { textUpdate } from "./support/telegram/updates.ts";
import { startGuardlineProcess, type GuardlineProcess } from "./support/guardline-process.ts";

const secret = "embedded-crash-webhook-secret";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("one embedded instance killed mid-turn (process)", () => {
  let api: FakeBotApi;
  let instance: GuardlineProcess;
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-crash-"));

  beforeAll(async () => {
    api = await startFakeBotApi();
    instance = await startGuardlineProcess({
      CONTENT_DIR: "test/fixtures/mini",
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: secret,
      PUBLIC_URL: "https://guardline.test",
      SESSION_SECRET: randomBytes(24).toString("base64url"),
      DATA_DIR: dataDir,
      ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
    });
  }, 60_000);
  afterAll(async () => {
    await instance?.stop();
    await api?.close();
  });

  const post = (update: unknown) =>
    fetch(`${instance.base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    }).then((r) => r.status);
  const textsTo = (chat: number) =>
    api.calls
      .filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat)
      .map((c) => String(c.payload.text));
  const answered = () => instance.logs.filter((l) => l.msg === "turn answered").length;
  async function until(check: () => boolean, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error("timed out");
      await sleep(50);
    }
  }
  /** Posts until the webhook takes updates (it answers 503 until the bot has started). */
  async function postWhenAccepting(update: unknown): Promise<void> {
    const end = Date.now() + 30_000;
    while ((await post(update)) !== 200) {
      if (Date.now() > end) throw new Error("the webhook never took the update");
      await sleep(100);
    }
  }

  it("answers the rest of the turn after a restart, once, and not the redelivery again", async () => {
    const reference = 900_001;
    await postWhenAccepting(textUpdate(1, "/start", { chatId: reference }));
    await until(() => answered() === 1, 20_000);
    const expected = textsTo(reference);
    expect(expected.length).toBe(3);

    const chat = 900_002;
    // The first message goes out; the second is in flight when the process dies.
    const inFlight = api.stallNext("sendMessage", 1);
    const update = textUpdate(2, "/start", { chatId: chat });
    expect(await post(update)).toBe(200);
    await inFlight;
    await instance.kill9();
    expect(textsTo(chat)).toEqual(expected.slice(0, 1));
    expect(readFileSync(join(dataDir, "inbound", "pending"), "utf8")).toContain('"+"');

    await instance.restart();
    await until(() => textsTo(chat).length === expected.length, 30_000);
    // Telegram delivers it again (say it never saw the 200): answered already, so not again.
    await postWhenAccepting(update);
    await sleep(1000);
    expect(textsTo(chat)).toEqual(expected);
    // Answered: nothing of what the person wrote is left on disk.
    expect(readFileSync(join(dataDir, "inbound", "pending"), "utf8")).toBe("");
  }, 90_000);
});
