/**
 * The official WhatsApp Cloud API: Meta calls `POST /webhooks/whatsapp`, Guardline answers 200
 * at once and runs the turns afterwards (Meta retries slow webhooks), then sends the replies
 * through the Graph API. A call without a valid signature gets 401 and changes nothing.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { Conversation } from "../../conversation/conversation.ts";
import { KeyedQueue } from "../../conversation/keyed-queue.ts";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { Channel, ChannelStatus } from "../channel.ts";
import { safeError } from "../safe-error.ts";
import { GraphApiError, type GraphClient } from "./graph-client.ts";
import { toInbound } from "./to-inbound.ts";
import { toPlatform } from "./to-platform.ts";
import { verifySignature } from "./verify-signature.ts";
import { messagesOf, type CloudMessage } from "./webhook-payload.ts";
import { timingSafeEqual } from "node:crypto";

export const whatsappCloudName = "whatsapp_cloud";
export const webhookPath = "/webhooks/whatsapp";

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
  // Meta delivers at least once; a message id seen recently is not answered twice. Keyed hashes only.
  const seen = new LRUCache<string, true>({ max: 10_000 });
  let running = false;

  const turn = async (message: CloudMessage) => {
    const input = toInbound(message);
    if (!input) return;
    const chatId = message.from;
    const result = await deps.conversation.handle({ channel: whatsappCloudName, chatId, input });
    // Erase: the conversation state is gone; the Cloud API offers no way to delete sent messages.
    if (result.signal === "erase") log.info("whatsapp-cloud: chat erased (state only; the Cloud API cannot delete sent messages)");
    const listButton = deps.listButton?.(result.language) ?? "☰";
    for (const reply of result.replies) {
      for (const body of toPlatform(reply, listButton)) await deps.graph.send(chatId, body);
    }
  };

  const accept = (message: CloudMessage) => {
    const dedupKey = deps.keyer(`${whatsappCloudName}:message`, message.id);
    if (seen.has(dedupKey)) return;
    seen.set(dedupKey, true);
    void queue
      .run(deps.keyer(whatsappCloudName, message.from), () => turn(message))
      .catch((error: unknown) => {
        const detail = error instanceof GraphApiError ? { status: error.status, code: error.code, attempts: error.attempts } : { error: safeError(error) };
        log.error(detail, "whatsapp-cloud: a turn failed");
      });
  };

  const routes = new Hono();
  routes.get(webhookPath, function whatsappVerify(c) {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token") ?? "";
    const challenge = c.req.query("hub.challenge") ?? "";
    if (mode !== "subscribe" || !sameSecret(token, deps.verifyToken)) return c.text("Forbidden", 403);
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
    for (const message of messages) accept(message);
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
