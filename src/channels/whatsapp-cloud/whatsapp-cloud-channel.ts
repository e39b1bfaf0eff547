/**
 * The official WhatsApp Cloud API: Meta calls `POST /webhooks/whatsapp`, Guardline answers 200
 * once each message is kept (by the inbound queue when there is one) and runs the turns
 * afterwards (Meta retries slow webhooks), then sends the replies through the Graph API. A call without a valid signature gets 401 and changes nothing.
 */
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Logger } from "pino";
import type { Conversation } from "../../conversation/conversation.ts";
import { bodyOf, limitBody } from "../../http/guards/body-limits.ts";
import { InboundUnavailableError } from "../../inbound/inbound-queue.ts";
import { redactError } from "../../logging/redact-error.ts";
import { createMemoryOnceStore, type OnceStore } from "../../sessions/once-store.ts";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { Channel, ChannelStatus } from "../channel.ts";
import { createTurnRunner, type TurnRunnerDeps } from "../turn-runner.ts";
import type { TurnObserver } from "../turn-observer.ts";
import { cloudAdapter, whatsappCloudName } from "./cloud-adapter.ts";
import type { GraphClient } from "./graph-client.ts";
import { toInbound } from "./to-inbound.ts";
import { verifySignature } from "./verify-signature.ts";
import { failedDeliveries, messagesOf, type CloudMessage } from "./webhook-payload.ts";

export { whatsappCloudName } from "./cloud-adapter.ts";
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
  /** Remembers answered message ids; share one (Redis) between instances. Default: in memory, this instance only. */
  once?: OnceStore;
  observer?: TurnObserver;
  /** A durable inbound queue to submit messages to (they come back through handle()). */
  inbound?: TurnRunnerDeps["inbound"];
  /** WHATSAPP_CLOUD_DISPLAY_NUMBER; without it the number is asked from the Graph API at start. */
  displayNumber?: string;
  /** Called with the channel's share link (`https://wa.me/<number>`) once it is known. */
  onLink?: (link: string) => void;
}

export interface WhatsAppCloudChannel extends Channel {
  /** The webhook routes, to mount on the server. */
  readonly routes: Hono;
  /** Resolves when every accepted message has been answered. */
  idle(): Promise<void>;
}

export function createWhatsAppCloudChannel(deps: WhatsAppCloudDeps): WhatsAppCloudChannel {
  const log = deps.logger.child({ channel: whatsappCloudName });
  const runner = createTurnRunner(cloudAdapter(deps.graph, log), {
    ...deps,
    once: deps.once ?? createMemoryOnceStore(),
    dedupeSeconds,
  });
  let running = false;

  /** Claimed and placed before the 200, so a redelivery racing this one (on any instance) is answered once. */
  const accept = async (message: CloudMessage) => {
    const input = toInbound(message);
    if (input) await runner.accept({ id: message.id, inbound: { chatId: message.from, input } });
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
  routes.post(webhookPath, limitBody(1024 * 1024), async function whatsappWebhook(c) {
    const raw = await bodyOf(c);
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
    try {
      // A call that carries several messages is delivered again whole; those already kept are
      // then redeliveries, answered once.
      for (const message of messages) await accept(message);
    } catch (error) {
      if (!(error instanceof InboundUnavailableError)) throw error;
      log.warn(
        { err: redactError(error.cause) },
        "whatsapp-cloud: message not kept; Meta will deliver it again",
      );
      return c.json({ error: "the message could not be kept; deliver it again" }, 503);
    }
    return c.json({ ok: true });
  });

  return {
    name: whatsappCloudName,
    routes,
    async start() {
      running = true;
      if (!deps.onLink) return;
      const link = (digits: string) => deps.onLink!(`https://wa.me/${digits.replace(/\D/g, "")}`);
      if (deps.displayNumber) return link(deps.displayNumber);
      // In the background: the webhook must not wait for it, and {{link}} is only a courtesy.
      void deps.graph
        .displayNumber()
        .then(link, (error: unknown) =>
          log.warn(
            { err: redactError(error) },
            "whatsapp-cloud: display number unknown; set WHATSAPP_CLOUD_DISPLAY_NUMBER for the share link",
          ),
        );
    },
    async pause() {
      running = false;
    },
    async stop() {
      running = false;
      await runner.idle();
    },
    idle: () => runner.idle(),
    handle: (inbound) => runner.handle(inbound),
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
