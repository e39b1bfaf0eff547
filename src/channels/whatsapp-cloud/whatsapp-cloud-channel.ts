/**
 * The official WhatsApp Cloud API: Meta calls `POST /webhooks/whatsapp`, Guardline answers 200
 * at once and runs the turns afterwards (Meta retries slow webhooks), then sends the replies
 * through the Graph API. A call without a valid signature gets 401 and changes nothing.
 */
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import type { Conversation } from "../../conversation/conversation.ts";
import { KeyedQueue } from "../../conversation/keyed-queue.ts";
import type { Reply } from "../../i18n/render.ts";
import { createMemoryOnceStore, type OnceStore } from "../../sessions/once-store.ts";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { Channel, ChannelStatus } from "../channel.ts";
import { safeError } from "../safe-error.ts";
import { GraphApiError, type GraphClient } from "./graph-client.ts";
import { toInbound } from "./to-inbound.ts";
import { asNumberedText, toPlatform } from "./to-platform.ts";
import { verifySignature } from "./verify-signature.ts";
import { failedDeliveries, messagesOf, type CloudMessage } from "./webhook-payload.ts";

export const whatsappCloudName = "whatsapp_cloud";
export const webhookPath = "/webhooks/whatsapp";
/** Meta retries an unacknowledged webhook for up to 7 days; a message id is remembered as long. */
const dedupeSeconds = 7 * 24 * 3600;

export interface WhatsAppCloudDeps {
  conversation: Conversation;
  keyer: SessionKeyer;
  logger: Logger;
  graph: GraphClient;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  /** Text of the button that opens an options list (at most 20 characters), in the reply's language. */
  listButton?: (language: string) => string;
  /** Remembers answered message ids; share one (Redis) between instances. Default: in memory, this instance only. */
  once?: OnceStore;
}

export interface WhatsAppCloudChannel extends Channel {
  /** The webhook routes, to mount on the server. */
  readonly routes: Hono;
  /** Resolves when every accepted message has been answered. */
  idle(): Promise<void>;
}

export function createWhatsAppCloudChannel(deps: WhatsAppCloudDeps): WhatsAppCloudChannel {
  const log = deps.logger.child({ channel: whatsappCloudName });
  const queue = new KeyedQueue();
  const once = deps.once ?? createMemoryOnceStore();
  let running = false;

  const sendError = (error: unknown) =>
    error instanceof GraphApiError
      ? { status: error.status, code: error.code, attempts: error.attempts }
      : { error: safeError(error) };

  /** One reply; buttons or a list that Meta refuses for good are sent again as numbered text. */
  const sendReply = async (to: string, reply: Reply, listButton: string) => {
    for (const body of toPlatform(reply, listButton)) {
      try {
        await deps.graph.send(to, body);
      } catch (error) {
        if (body.type !== "interactive" || !(error instanceof GraphApiError) || !error.refused) throw error;
        log.warn(sendError(error), "whatsapp-cloud: interactive message refused; sent as numbered text");
        for (const text of asNumberedText(reply)) await deps.graph.send(to, text);
      }
    }
  };

  const turn = async (message: CloudMessage) => {
    const input = toInbound(message);
    if (!input) return;
    const chatId = message.from;
    const result = await deps.conversation.handle({ channel: whatsappCloudName, chatId, input });
    // Erase: the conversation state is gone; the Cloud API offers no way to delete sent messages.
    if (result.signal === "erase")
      log.info("whatsapp-cloud: chat erased (state only; the Cloud API cannot delete sent messages)");
    const listButton = deps.listButton?.(result.language) ?? "☰";
    // One lost reply must not silence the rest (the emergency contacts may come after it).
    for (const reply of result.replies) {
      await sendReply(chatId, reply, listButton).catch((error: unknown) =>
        log.error(sendError(error), "whatsapp-cloud: a reply could not be sent"),
      );
    }
  };

  /** True the first time any instance sees this message; the key is a keyed hash, never the id. */
  const claim = async (message: CloudMessage): Promise<boolean> => {
    try {
      return await once.claim(
        `${whatsappCloudName}:${deps.keyer(`${whatsappCloudName}:message`, message.id)}`,
        dedupeSeconds,
      );
    } catch (error) {
      // Answering twice is better than not answering when the store is down.
      log.warn(
        { error: safeError(error) },
        "whatsapp-cloud: redelivery check unavailable; answering the message",
      );
      return true;
    }
  };

  const accept = (message: CloudMessage) => {
    void queue
      .run(deps.keyer(whatsappCloudName, message.from), () => turn(message))
      .catch((error: unknown) => log.error(sendError(error), "whatsapp-cloud: a turn failed"));
  };

  const routes = new Hono();
  routes.get(webhookPath, function whatsappVerify(c) {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token") ?? "";
    const challenge = c.req.query("hub.challenge");
    if (mode !== "subscribe" || !challenge) return c.text("Bad Request", 400);
    if (!sameSecret(token, deps.verifyToken)) return c.text("Forbidden", 403);
    log.info("whatsapp-cloud: webhook verified by Meta");
    return c.text(challenge);
  });
  routes.post(webhookPath, bodyLimit({ maxSize: 1024 * 1024 }), async function whatsappWebhook(c) {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifySignature(raw, c.req.header("x-hub-signature-256"), deps.appSecret)) {
      log.warn("whatsapp-cloud: webhook call with a missing or wrong signature refused");
      return c.json({ error: "invalid signature" }, 401);
    }
    // While shutting down, let Meta redeliver to a running instance instead of losing the message.
    if (!running) return c.json({ error: "not running" }, 503);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return c.json({ error: "body is not JSON" }, 400);
    }
    const { messages, skipped } = messagesOf(body, deps.phoneNumberId);
    if (skipped) log.warn({ skipped }, "whatsapp-cloud: parts of a webhook call were not understood");
    const failed = failedDeliveries(body, deps.phoneNumberId);
    if (Object.keys(failed).length)
      log.warn({ failedByCode: failed }, "whatsapp-cloud: Meta could not deliver replies");
    // Claimed before the 200, so a redelivery racing this one (on any instance) is answered once.
    for (const message of messages) if (await claim(message)) accept(message);
    return c.json({ ok: true });
  });

  return {
    name: whatsappCloudName,
    routes,
    async start() {
      running = true;
    },
    async stop() {
      running = false;
      await queue.drain();
    },
    idle: () => queue.drain(),
    status(): ChannelStatus {
      return { name: whatsappCloudName, state: running ? "running" : "stopped" };
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return expected !== "" && a.length === b.length && timingSafeEqual(a, b);
}
