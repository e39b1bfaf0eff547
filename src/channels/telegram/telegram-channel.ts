/**
 * The Telegram channel (grammY): updates in, replies out, nothing else. Webhook mode when a public
 * URL is configured, long polling otherwise. Each update goes to the turn runner, which answers it
 * once and in its chat's order; different chats run concurrently.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Hono } from "hono";
import type { Logger } from "pino";
import type { Timers } from "../../backoff/backoff.ts";
import type { Conversation } from "../../conversation/conversation.ts";
import type { ContentSource } from "../../content/content-source.ts";
import { redactError } from "../../logging/redact-error.ts";
import type { OnceStore } from "../../sessions/once-store.ts";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { Channel, ChannelStatus } from "../channel.ts";
import { createTurnRunner, type TurnRunnerDeps } from "../turn-runner.ts";
import { noObserver, type TurnObserver } from "../turn-observer.ts";
import type { MessageLog } from "./message-log.ts";
import { apiSignal } from "./api-signal.ts";
import { setCommandMenus } from "./set-command-menus.ts";
import { telegramAdapter } from "./telegram-adapter.ts";
import { createTelegramWebhook } from "./telegram-webhook.ts";
import { asTurn, toInbound } from "./to-inbound.ts";
import { retryInBackground } from "./retry-in-background.ts";
import { retryTransient, type RetryTransientOptions } from "./retry-transient.ts";

export type TelegramMode =
  { type: "polling"; timeoutSeconds?: number } | { type: "webhook"; url: string; secret: string };

export interface TelegramChannelDeps {
  token: string;
  apiRoot: string;
  mode: TelegramMode;
  conversation: Conversation;
  /** For the command menus, read when they are set (start-up, reload); turns use their own snapshot. */
  content: ContentSource;
  keyer: SessionKeyer;
  messageLog: MessageLog;
  /** Redelivered updates (same update_id) are processed once. */
  once: OnceStore;
  logger: Logger;
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
  now?: () => number;
  /** Metrics of turns, replies and retries. */
  observer?: TurnObserver;
  /** A durable inbound queue to submit updates to (they come back through handle()). */
  inbound?: TurnRunnerDeps["inbound"];
  /** Backoff of 5xx and network failures of Bot API calls (tests make it fast). */
  retry?: Omit<RetryTransientOptions, "observer">;
  /** How long stop() waits for turns in flight before cancelling Bot API calls (default 10 s). */
  stopGraceMs?: number;
  /** Called once the bot's name is known (getMe succeeded), for the share link. */
  onStarted?: (me: UserFromGetMe) => void;
  /** Timers for start-up retries (tests); the first retry waits retryBaseMs (default 1 s). */
  timers?: Timers;
  retryBaseMs?: number;
}

export interface TelegramChannel extends Channel {
  /** The webhook route (webhook mode only), to mount at /webhooks/telegram. */
  readonly webhook: Hono | null;
  /** Resolves when every accepted update has been answered (tests, shutdown). */
  idle(): Promise<void>;
  /** Sets the "/" command menus again from the current content (after a reload); no-op before start. */
  refreshCommandMenus(): Promise<void>;
  readonly bot: Bot;
}

const allowedUpdates = ["message", "callback_query"] as const;
const dedupeSeconds = 24 * 3600;
/**
 * Telegram's flood control can ask for waits of several minutes (retry_after); giving up sooner
 * loses the reply. The chat's line keeps its later turns in order behind it; other chats go on.
 */
const maxRetryAfterSeconds = 300;

export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  const log = deps.logger.child({ channel: "telegram" });
  const bot = new Bot(deps.token, {
    client: {
      apiRoot: deps.apiRoot,
      // In webhook mode a tap on a button is acknowledged in the answer to Telegram's own request
      // (grammY's webhook reply): a Bot API call less per tap, and the spinner stops as soon as
      // the tap is kept. Nothing else goes that way: a reply's failure must be seen and retried.
      canUseWebhookReply: (method) => method === "answerCallbackQuery",
    },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  const observer = deps.observer ?? noObserver;
  // No proactive throttle: grammY's docs advise against delaying replies; 429s are waited out.
  // Installed first, so it sees each attempt: 5xx and network errors, a few times, briefly.
  bot.api.config.use(retryTransient({ ...deps.retry, observer }));
  // 429 waits do not count as attempts: a message that meets many flood waits is still delivered.
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: Number.POSITIVE_INFINITY,
      maxDelaySeconds: maxRetryAfterSeconds,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  // Without this, grammY's default handler stops long polling on the first failing update and
  // writes the error (with the update) to the console.
  bot.catch((error) =>
    log.error({ err: redactError(error.error) }, "telegram: an update could not be handled"),
  );
  const abort = new AbortController();
  const signal = apiSignal(abort.signal);
  const botId = deps.token.split(":")[0];
  let status: ChannelStatus = { name: "telegram", state: "stopped", detail: "not started" };
  let accepting = false;
  let stopping = false;
  let announced = false;
  let polling: Promise<void> | null = null;
  const runner = createTurnRunner(
    telegramAdapter({ api: bot.api, messageLog: deps.messageLog, logger: log, signal, now: deps.now }),
    { ...deps, dedupeSeconds, observer },
  );

  const acknowledged = (err: unknown) => log.warn({ err: redactError(err) }, "answerCallbackQuery failed");
  const accept = async (ctx: Context): Promise<void> => {
    const update = ctx.update;
    const inbound = toInbound(update);
    if (inbound.type === "skip") {
      log.debug({ reason: inbound.reason }, "update skipped");
      if (inbound.callbackQueryId) void ctx.answerCallbackQuery(undefined, signal).catch(acknowledged);
      return;
    }
    const turn = asTurn(inbound);
    // Webhook: acknowledged below, in the answer to this request, so the turn does not do it again.
    const { callbackQueryId, ...unacknowledged } = turn;
    const inReply = deps.mode.type === "webhook" && callbackQueryId !== undefined;
    // Rejects only while shutting down (InboundUnavailableError): the webhook then answers 503.
    await runner.accept({ id: `${botId}:${update.update_id}`, inbound: inReply ? unacknowledged : turn });
    if (inReply) await ctx.answerCallbackQuery(undefined, signal).catch(acknowledged);
  };

  bot.use(async (ctx) => accept(ctx));
  const webhook =
    deps.mode.type === "webhook"
      ? createTelegramWebhook(bot, { secret: deps.mode.secret, accepting: () => accepting, logger: log })
      : null;

  const refreshCommandMenus = async (): Promise<void> => {
    if (!bot.isInited() || stopping) return;
    try {
      await setCommandMenus(bot.api, deps.content.current().translator, log, signal);
    } catch (err) {
      log.warn({ err: redactError(err) }, "telegram: command menus not set");
    }
  };

  /** One start-up attempt: getMe, then the webhook or long polling. Throws to be retried. */
  const attempt = async (): Promise<void> => {
    status = {
      name: "telegram",
      state: "starting",
      ...(status.state === "starting" && status.detail ? { detail: status.detail } : {}),
    };
    if (!bot.isInited()) await bot.init(signal);
    if (!announced) {
      announced = true;
      deps.onStarted?.(bot.botInfo);
    }
    if (deps.mode.type === "webhook") {
      // A webhook set by an earlier run still delivers, so updates are taken even if setWebhook fails.
      accepting = true;
      await bot.api.setWebhook(
        deps.mode.url,
        { secret_token: deps.mode.secret, allowed_updates: [...allowedUpdates] },
        signal,
      );
      status = { name: "telegram", state: "running", detail: "webhook" };
      log.info({ mode: "webhook" }, "telegram: on (webhook)");
    } else {
      await startPolling(deps.mode.timeoutSeconds);
    }
    await refreshCommandMenus();
  };

  const retrier = retryInBackground({
    attempt,
    timers: deps.timers,
    baseMs: deps.retryBaseMs,
    onFailure: (err, delayMs) => {
      const step = bot.isInited()
        ? deps.mode.type === "webhook"
          ? "setWebhook failed"
          : "long polling failed"
        : "getMe failed";
      status = {
        name: "telegram",
        state: "starting",
        detail: `${step}: ${describe(err)}; retrying in ${Math.round(delayMs / 1000)} s`,
      };
      log.error(
        { err: redactError(err), retryInMs: delayMs },
        `telegram: could not start (${step}); retrying`,
      );
    },
  });

  const startPolling = (timeout = 30) =>
    new Promise<void>((resolve, reject) => {
      let started = false;
      accepting = true;
      polling = bot
        .start({
          allowed_updates: [...allowedUpdates],
          timeout,
          onStart: () => {
            started = true;
            status = { name: "telegram", state: "running", detail: "long polling" };
            log.info({ mode: "polling" }, "telegram: on (long polling)");
            resolve();
          },
        })
        .catch((err) => {
          if (!started) return reject(err);
          if (stopping) return;
          // Polling ran and then stopped (401, 409 conflict with another instance): start again later.
          log.error({ err: redactError(err) }, "telegram: long polling stopped; starting again");
          retrier.failed(err);
        });
    });

  let paused: Promise<void> | null = null;
  const pause = () =>
    (paused ??= (async () => {
      stopping = true;
      accepting = false;
      retrier.cancel();
      if (bot.isRunning())
        await within(
          bot
            .stop()
            .catch((err) =>
              log.warn({ err: redactError(err) }, "telegram: could not confirm the last update"),
            ),
          5000,
        );
      await polling;
    })());

  return {
    name: "telegram",
    webhook,
    bot,
    start: () => retrier.run(),
    refreshCommandMenus,
    pause,
    async stop() {
      await pause();
      const drained = await within(
        runner.idle().then(() => true),
        deps.stopGraceMs ?? 10_000,
      );
      if (!drained) log.warn("telegram: turns still running at shutdown were cancelled");
      abort.abort();
      status = { name: "telegram", state: "stopped" };
    },
    status: () => status,
    idle: () => runner.idle(),
    handle: (inbound) => runner.handle(inbound),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
