/** Telegram (grammY) against the channel contract: webhook updates in, the fake Bot API out. */
import type { Update } from "grammy/types";
import { Hono } from "hono";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { noAnalytics } from "../../src/analytics/analytics-sink.ts";
import { createMessageLog } from "../../src/channels/telegram/message-log.ts";
import { createTelegramChannel } from "../../src/channels/telegram/telegram-channel.ts";
import { secretHeader } from "../../src/channels/telegram/telegram-webhook.ts";
import { startFakeBotApi, type FakeBotApi, type RecordedCall } from "../support/telegram/fake-bot-api.ts";
import {
  callbackUpdate,
  photoUpdate,
  privateChatId,
  textUpdate,
  userName,
} from "../support/telegram/updates.ts";
import { createConversation } from "../../src/conversation/conversation.ts";
import { createMemoryOnceStore } from "../../src/sessions/once-store.ts";
import { createInboundQueue } from "../../src/inbound/create-inbound-queue.ts";
import { channelContract, type Seen, type UnsupportedKind } from "./contract.ts";

const secret = "contract-webhook-secret";
let api: FakeBotApi;
beforeAll(async () => {
  api = await startFakeBotApi();
});
afterAll(() => api.close());

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
const seenOf = (call: RecordedCall): Seen & { data: Map<string, string> } => {
  const buttons = ((call.payload.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat();
  return {
    text: String(call.payload.text),
    options: buttons.map((b) => b.text),
    data: new Map(buttons.map((b) => [b.text, b.callback_data])),
  };
};

/** A message without text, as the Bot API delivers a voice note, sticker or location. */
function mediaUpdate(updateId: number, kind: UnsupportedKind): Update {
  if (kind === "image") return photoUpdate(updateId);
  const base = textUpdate(updateId, "x");
  const { text: _text, ...message } = base.message!;
  const media = {
    voice: {
      voice: {
        file_id: "AwACAgQAAxkBAAIC",
        file_unique_id: "AgADqBQ",
        duration: 3,
        mime_type: "audio/ogg",
        file_size: 9000,
      },
    },
    sticker: {
      sticker: {
        file_id: "CAACAgIAAxkBAAID",
        file_unique_id: "AgADxw",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    },
    location: { location: { latitude: 52.3676, longitude: 4.9041 } },
  }[kind];
  return { update_id: updateId, message: { ...message, ...media } } as Update;
}

for (const queued of [false, true])
  channelContract(
    `telegram (fake Bot API${queued ? ", through the embedded inbound queue" : ""})`,
    async (deps) => {
      // Through the queue as the service runs it: kept in DATA_DIR, then taken by handle().
      const inbound = queued
        ? await createInboundQueue({
            redis: null,
            dataDir: mkdtempSync(join(tmpdir(), "guardline-contract-")),
            logger: deps.logger,
            ttlSeconds: 3600,
          })
        : undefined;
      api.calls.length = 0;
      const conversation = createConversation({ ...deps, analytics: noAnalytics, sessionTtlSeconds: 3600 });
      const channel = createTelegramChannel({
        ...(inbound ? { inbound } : {}),
        token: api.token,
        apiRoot: api.apiRoot,
        mode: { type: "webhook", url: "https://guardline.example.org/webhooks/telegram", secret },
        conversation,
        content: deps.content,
        messageLog: createMessageLog(deps.sessions, deps.keyer, 3600),
        once: createMemoryOnceStore(),
        logger: deps.logger,
        keyer: deps.keyer,
        retry: { firstMs: 1, maxMs: 5 },
      });
      const app = new Hono().route("/webhooks/telegram", channel.webhook!);
      await channel.start();
      inbound?.start((handle) => channel.handle!(handle));
      let updateId = Math.floor(Math.random() * 1e6);
      let last: ReturnType<typeof seenOf>[] = [];
      let lastUpdate: Update | undefined;
      const post = async (update: Update): Promise<Seen[]> => {
        lastUpdate = update;
        const before = api.calls.length;
        const response = await app.request("/webhooks/telegram", {
          method: "POST",
          headers: { "content-type": "application/json", [secretHeader]: secret },
          body: JSON.stringify(update),
        });
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        await channel.idle();
        last = api.calls
          .slice(before)
          .filter((c) => c.method === "sendMessage" && c.status === 200)
          .map(seenOf);
        return last.map(({ text, options }) => ({ text, options }));
      };
      const send = (text: string) => post(textUpdate(++updateId, text));
      return {
        maxChars: 4096,
        identifiers: [String(privateChatId), userName, "Amara", "Testperson"],
        open: () => send("/start"),
        startWith: (payload) => send(`/start ${payload}`),
        send,
        choose(label) {
          const data = last.findLast((s) => s.options.length)?.data.get(label);
          if (!data) throw new Error(`"${label}" was not offered`);
          return post(callbackUpdate(++updateId, data));
        },
        sendUnsupported: (kind) => post(mediaUpdate(++updateId, kind)),
        failNextSend(how) {
          api.failNext(
            "sendMessage",
            how === "unreachable"
              ? {
                  status: 403,
                  body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
                }
              : {
                  status: 400,
                  body: { ok: false, error_code: 400, description: "Bad Request: message is too long" },
                },
          );
        },
        redeliver: () => post(lastUpdate!),
        deletedByErase: () =>
          api.callsOf("deleteMessages").flatMap((c) => c.payload.message_ids as number[]).length,
        async close() {
          await channel.pause?.();
          await inbound?.stop();
          await channel.stop();
        },
      };
    },
  );
