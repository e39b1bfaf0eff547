/**
 * WhatsApp through whatsapp-web.js: a phone paired by QR code, driven in headless Chromium.
 * Translate in (to-inbound), render as numbered text, send; on erase delete what the bot sent in
 * that chat where WhatsApp allows it. Keeping the client connected is web-connection's job.
 * No phone number, chat id or text is ever logged.
 */
import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import type { Conversation } from "../../conversation/conversation.ts";
import { KeyedQueue } from "../../conversation/keyed-queue.ts";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { Channel, ChannelStatus } from "../channel.ts";
import { numberedText } from "../numbered-text.ts";
import { safeError } from "../safe-error.ts";
import { splitText } from "../split-text.ts";
import { SentMessages } from "./sent-messages.ts";
import { toInbound } from "./to-inbound.ts";
import type { WebClient } from "./web-client.ts";
import {
  createWebConnection,
  defaultBackoff,
  type PairingStatus,
  type WatchdogOptions,
} from "./web-connection.ts";

export { defaultBackoff, type PairingState, type PairingStatus } from "./web-connection.ts";

export const whatsappWebName = "whatsapp_web";
/** WhatsApp accepts longer texts, but a phone screen does not: split like the Cloud API must. */
const maxChars = 4096;

export interface WhatsAppWebDeps {
  /** Makes a fresh client; called again after every disconnect. */
  createClient: () => WebClient;
  conversation: Conversation;
  keyer: SessionKeyer;
  logger: Logger;
  /** Shows the pairing QR to whoever runs the server (main prints it in the terminal). */
  showQr?: (qr: string) => void;
  /** Milliseconds to wait before reconnect attempt n (1, 2, …). Default: 2 s doubling, at most 5 min. */
  backoff?: (attempt: number) => number;
  now?: () => Date;
  /** Messages kept per chat for erase (default 50). */
  trackPerChat?: number;
  /** Deadlines and health checks for a client that hangs without saying so. */
  watchdog?: WatchdogOptions;
}

export interface WhatsAppWebChannel extends Channel {
  pairing(): PairingStatus;
  /** Resolves when every message received so far has been answered. */
  idle(): Promise<void>;
}

export function createWhatsAppWebChannel(deps: WhatsAppWebDeps): WhatsAppWebChannel {
  const log = deps.logger.child({ channel: whatsappWebName });
  const now = deps.now ?? (() => new Date());
  const queue = new KeyedQueue();
  const tracked = new SentMessages(deps.trackPerChat);

  /** Erase through the client connected now: messages are found by id, whichever client sent them. */
  const erase = async (key: string) => {
    const client = connection.client();
    const find = client ? (id: string) => client.getMessageById(id) : null;
    log.info(
      await tracked.erase(key, find, now().getTime()),
      "whatsapp-web: chat erased (revoked for everyone / removed from the bot's phone only)",
    );
  };

  const onMessage = (message: Message) => {
    const input = toInbound(message);
    const current = connection.client();
    if (!input || !current) return;
    const chatId = message.from;
    const key = deps.keyer(whatsappWebName, chatId);
    void queue
      .run(key, async () => {
        tracked.track(key, message.id._serialized, now().getTime(), false);
        const result = await deps.conversation.handle({ channel: whatsappWebName, chatId, input });
        if (result.signal === "erase") await erase(key);
        for (const reply of result.replies) {
          for (const text of splitText(numberedText(reply), maxChars)) {
            const sent = await current.sendMessage(chatId, text);
            tracked.track(key, sent.id._serialized, now().getTime(), true);
          }
        }
      })
      .catch((error: unknown) => log.error({ error: safeError(error) }, "whatsapp-web: a turn failed"));
  };

  const connection = createWebConnection({
    ...deps.watchdog,
    createClient: deps.createClient,
    log,
    onMessage,
    showQr: deps.showQr,
    backoff: deps.backoff ?? defaultBackoff,
    now,
  });

  return {
    name: whatsappWebName,
    async start() {
      connection.start();
    },
    async stop() {
      await queue.drain();
      await connection.stop();
    },
    status: () => toChannelStatus(connection.pairing()),
    pairing: () => connection.pairing(),
    idle: () => queue.drain(),
  };
}

function toChannelStatus(pairing: PairingStatus): ChannelStatus {
  const name = whatsappWebName;
  switch (pairing.state) {
    case "ready":
      return { name, state: "running" };
    case "stopped":
      return { name, state: "stopped" };
    case "pairing":
      return { name, state: "starting", detail: "waiting for the QR code to be scanned" };
    case "disconnected":
      return { name, state: "error", detail: "disconnected; reconnecting" };
    default:
      return { name, state: "starting", detail: `client ${pairing.state}` };
  }
}
