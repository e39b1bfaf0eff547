/**
 * WhatsApp through whatsapp-web.js: a phone paired by QR code, driven in headless Chromium.
 * Translate in (to-inbound), render as numbered text, send; on erase delete what the bot sent in
 * that chat where WhatsApp allows it. Keeping the client connected is web-connection's job.
 * No phone number, chat id or text is ever logged.
 */
import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import type { Conversation } from "../../conversation/conversation.ts";
import { createMemoryOnceStore, type OnceStore } from "../../sessions/once-store.ts";
import type { SessionKeyer } from "../../sessions/session-key.ts";
import type { AdapterInbound, ChannelAdapter } from "../channel-adapter.ts";
import type { Channel, ChannelStatus } from "../channel.ts";
import { numberedText } from "../numbered-text.ts";
import { createTurnRunner } from "../turn-runner.ts";
import type { TurnObserver } from "../turn-observer.ts";
import { whatsappWebLimits } from "./limits.ts";
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
/** whatsapp-web.js may hand a message over twice around a reconnect; an hour covers that. */
const dedupeSeconds = 3600;

interface WebTurn extends AdapterInbound {
  /** The person's message, so erase can remove it from the bot's phone. */
  messageId: string;
}

/** What whatsapp-web.js says for a chat id WhatsApp does not know (no account, no linked id). */
const unknownRecipient = /invalid wid|no lid for user/i;

/** Sending while no client is connected (reconnecting): the rest of the turn would fail too. */
class NotConnectedError extends Error {
  override readonly name = "NotConnectedError";
  constructor() {
    super("no WhatsApp Web client is connected");
  }
}

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
  once?: OnceStore;
  observer?: TurnObserver;
  /** Called with the paired phone number (digits) once the client is ready, for the share link. */
  onPaired?: (number: string) => void;
}

export interface WhatsAppWebChannel extends Channel {
  pairing(): PairingStatus;
  /** Resolves when every message received so far has been answered. */
  idle(): Promise<void>;
}

export function createWhatsAppWebChannel(deps: WhatsAppWebDeps): WhatsAppWebChannel {
  const log = deps.logger.child({ channel: whatsappWebName });
  const now = deps.now ?? (() => new Date());
  const tracked = new SentMessages(deps.trackPerChat);
  const keyOf = (chatId: string) => deps.keyer(whatsappWebName, chatId);

  const adapter: ChannelAdapter<WebTurn, string> = {
    name: whatsappWebName,
    limits: whatsappWebLimits,
    render: (reply) => [numberedText(reply)],
    async send(chatId, text) {
      const client = connection.client();
      if (!client) throw new NotConnectedError();
      return (await client.sendMessage(chatId, text)).id._serialized;
    },
    classify: (error) =>
      error instanceof NotConnectedError
        ? { unreachable: true, errorClass: "unavailable" }
        : unknownRecipient.test(error instanceof Error ? error.message : "")
          ? { unreachable: true, errorClass: "unreachable" }
          : { unreachable: false, errorClass: "other" },
    /** Through the client connected now: messages are found by id, whichever client sent them. */
    async erase(inbound) {
      const key = keyOf(inbound.chatId);
      tracked.track(key, inbound.messageId, now().getTime(), false);
      const client = connection.client();
      const find = client ? (id: string) => client.getMessageById(id) : null;
      const result = await tracked.erase(key, find, now().getTime());
      // Counts only; the turn runner logs them once, as "conversation erased", for every channel.
      return { replies: [], report: { ...result } };
    },
    async remember(inbound, sent, erased) {
      const key = keyOf(inbound.chatId);
      if (!erased) tracked.track(key, inbound.messageId, now().getTime(), false);
      for (const id of sent) tracked.track(key, String(id), now().getTime(), true);
    },
  };
  const runner = createTurnRunner(adapter, {
    conversation: deps.conversation,
    keyer: deps.keyer,
    logger: deps.logger,
    once: deps.once ?? createMemoryOnceStore(),
    dedupeSeconds,
    ...(deps.observer ? { observer: deps.observer } : {}),
  });

  const onMessage = (message: Message) => {
    const input = toInbound(message);
    if (!input || !connection.client()) return;
    const inbound: WebTurn = { chatId: message.from, input, messageId: message.id._serialized };
    void runner.accept({ id: message.id._serialized, inbound });
  };

  const connection = createWebConnection({
    ...deps.watchdog,
    createClient: deps.createClient,
    log,
    onMessage,
    onReady: (client) => {
      const number = client.info?.wid?.user;
      if (number && /^\d+$/.test(number)) deps.onPaired?.(number);
    },
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
      await runner.idle();
      await connection.stop();
    },
    status: () => toChannelStatus(connection.pairing()),
    pairing: () => connection.pairing(),
    idle: () => runner.idle(),
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
