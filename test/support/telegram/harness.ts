/**
 * A Telegram channel wired to the mini test content, memory stores, a fake Bot API and a logger
 * whose lines the test can read. Webhook requests go through the real Hono app (app.request).
 */
import type { Update } from "grammy/types";
import type { Hono } from "hono";
import { createConversation } from "../../../src/conversation/conversation.ts";
import { fixedContent, type ContentSource } from "../../../src/content/content-source.ts";
import { contentPaths, loadContent } from "../../../src/content/load-content.ts";
import { createApp } from "../../../src/http/create-app.ts";
import { createLogger } from "../../../src/logging/create-logger.ts";
import { createMemorySessionStore } from "../../../src/sessions/memory-session-store.ts";
import { createMemoryOnceStore, type OnceStore } from "../../../src/sessions/once-store.ts";
import { createSessionKeyer } from "../../../src/sessions/session-key.ts";
import type { SessionStore } from "../../../src/sessions/session-store.ts";
import { createMessageLog } from "../../../src/channels/telegram/message-log.ts";
import type { Timers } from "../../../src/backoff/backoff.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
  type TelegramChannelDeps,
} from "../../../src/channels/telegram/telegram-channel.ts";
import { secretHeader } from "../../../src/channels/telegram/telegram-webhook.ts";
import type { TurnObserver } from "../../../src/channels/turn-observer.ts";
import type { TurnLine } from "../../../src/sessions/turn-line.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";
import { channelDeclarations } from "../../../src/channels/limits.ts";

export const webhookSecret = "test-webhook-secret_123";
export const sessionSecret = "a-test-secret-that-is-long-enough-1234";
export const miniDir = new URL("../../fixtures/mini", import.meta.url).pathname;

export interface Harness {
  api: FakeBotApi;
  channel: TelegramChannel;
  app: Hono;
  sessions: SessionStore;
  logLines: string[];
  /** POSTs an update to the webhook with the right secret (or the given one; null = none). */
  post(update: Update, secret?: string | null): Promise<Response>;
  /** POSTs a raw body to the webhook with the right secret. */
  postRaw(body: string): Promise<Response>;
  /** Button taps answered in the reply to a webhook request (grammY's webhook reply), in order. */
  webhookReplies: Array<{ method: string; callback_query_id?: string }>;
  /** Every callback query acknowledged, by webhook reply or by a Bot API call, in order. */
  acknowledged(): string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode: "webhook" | "polling";
  sessions?: SessionStore;
  once?: OnceStore;
  now?: () => number;
  beforeStart?: (api: FakeBotApi) => void;
  /** Default: the mini content, fixed. */
  content?: ContentSource;
  timers?: Timers;
  /** Another harness's fake Bot API (two instances of one bot). */
  api?: FakeBotApi;
  observer?: TurnObserver;
  /** Orders one chat's turns across harnesses (two instances sharing Redis). */
  turnLine?: TurnLine;
  /** A durable inbound queue the channel submits to; the test starts it with channel.handle. */
  inbound?: TelegramChannelDeps["inbound"];
}

export async function startHarness(options: HarnessOptions = { mode: "webhook" }): Promise<Harness> {
  const api = options.api ?? (await startFakeBotApi());
  options.beforeStart?.(api);
  const logLines: string[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const content = loadContent(contentPaths(miniDir), { channels: channelDeclarations });
  if (!content.bundle || !content.translator) throw new Error("test/fixtures/mini does not load");
  const source = options.content ?? fixedContent({ bundle: content.bundle, translator: content.translator });
  const sessions = options.sessions ?? createMemorySessionStore();
  const keyer = createSessionKeyer(sessionSecret);
  const conversation = createConversation({
    content: source,
    sessions,
    keyer,
    analytics: { record() {}, async flush() {}, async close() {} },
    sessionTtlSeconds: 3600,
    logger,
    ...(options.turnLine ? { turnLine: options.turnLine } : {}),
  });
  const channel = createTelegramChannel({
    token: api.token,
    apiRoot: api.apiRoot,
    mode:
      options.mode === "webhook"
        ? { type: "webhook", url: "https://guardline.example.org/webhooks/telegram", secret: webhookSecret }
        : { type: "polling", timeoutSeconds: 1 },
    conversation,
    content: source,
    keyer,
    messageLog: createMessageLog(sessions, keyer, 3600),
    once: options.once ?? createMemoryOnceStore(),
    logger,
    stopGraceMs: 5000,
    retry: { firstMs: 1, maxMs: 5 },
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.inbound ? { inbound: options.inbound } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const app = createApp({
    logger,
    routes: channel.webhook ? [{ path: "/webhooks/telegram", app: channel.webhook }] : [],
    channels: () => [channel.status()],
  });
  await channel.start();
  const webhookReplies: Harness["webhookReplies"] = [];
  return {
    api,
    channel,
    app,
    sessions,
    logLines,
    webhookReplies,
    acknowledged: () => [
      ...webhookReplies.flatMap((r) =>
        r.method === "answerCallbackQuery" && r.callback_query_id ? [r.callback_query_id] : [],
      ),
      ...api.callsOf("answerCallbackQuery").map((c) => String(c.payload.callback_query_id)),
    ],
    post: async (update, secret = webhookSecret) => {
      const response = await app.request("/webhooks/telegram", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === null ? {} : { [secretHeader]: secret }),
        },
        body: JSON.stringify(update),
      });
      const body = await response.clone().text();
      if (body.startsWith("{") && response.status === 200) {
        const reply = JSON.parse(body) as { method?: string; callback_query_id?: string };
        if (reply.method) webhookReplies.push({ ...reply, method: reply.method });
      }
      return response;
    },
    postRaw: (body) =>
      Promise.resolve(
        app.request("/webhooks/telegram", {
          method: "POST",
          headers: { "content-type": "application/json", [secretHeader]: webhookSecret },
          body,
        }),
      ),
    async close() {
      await channel.stop();
      if (!options.api) await api.close();
    },
  };
}

/** The inline keyboard's callback data of the last message that had one, by button label. */
export function buttons(api: FakeBotApi): Record<string, string> {
  const withKeyboard = api.callsOf("sendMessage").filter((c) => c.payload.reply_markup);
  const markup = withKeyboard.at(-1)?.payload.reply_markup as
    { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> } | undefined;
  return Object.fromEntries((markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data]));
}
