/**
 * WhatsApp through whatsapp-web.js: a phone paired by QR code, driven in headless Chromium.
 * Translate in (to-inbound), render as numbered text, send; keep the client connected, and on
 * erase revoke what the bot sent in that chat. No phone number, chat id or text is ever logged.
 */
import type { Logger } from "pino";
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

export const whatsappWebName = "whatsapp_web";
/** WhatsApp accepts longer texts, but a phone screen does not: split like the Cloud API must. */
const maxChars = 4096;

export type PairingState = "starting" | "pairing" | "authenticated" | "ready" | "disconnected" | "stopped";

export interface PairingStatus {
  state: PairingState;
  /** The QR code to scan while pairing (the raw string a QR image encodes), else null. */
  qr: string | null;
  /** When the state last changed, ISO 8601. */
  since: string;
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
}

export interface WhatsAppWebChannel extends Channel {
  pairing(): PairingStatus;
  /** Resolves when every message received so far has been answered. */
  idle(): Promise<void>;
}

export const defaultBackoff = (attempt: number): number => Math.min(2_000 * 2 ** (attempt - 1), 300_000);

export function createWhatsAppWebChannel(deps: WhatsAppWebDeps): WhatsAppWebChannel {
  const log = deps.logger.child({ channel: whatsappWebName });
  const now = deps.now ?? (() => new Date());
  const backoff = deps.backoff ?? defaultBackoff;
  const queue = new KeyedQueue();
  const tracked = new SentMessages(deps.trackPerChat);
  let client: WebClient | null = null;
  let pairing: PairingStatus = { state: "stopped", qr: null, since: now().toISOString() };
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  const setState = (state: PairingState, qr: string | null = null, detail?: Record<string, string>) => {
    const changed = state !== pairing.state || qr !== pairing.qr;
    pairing = { state, qr, since: state === pairing.state ? pairing.since : now().toISOString() };
    if (changed && state !== "pairing") log.info({ state, ...detail }, "whatsapp-web state changed");
  };

  const reconnectLater = (current: WebClient) => {
    if (stopped || client !== current) return;
    client = null;
    current.removeAllListeners();
    current.destroy().catch((error: unknown) => log.debug({ error: safeError(error) }, "whatsapp-web: closing the old browser failed"));
    attempts += 1;
    const delay = backoff(attempts);
    log.info({ attempt: attempts, delayMs: delay }, "whatsapp-web: reconnecting");
    timer = setTimeout(connect, delay);
  };

  const onMessage = (current: WebClient, message: Parameters<typeof toInbound>[0]) => {
    const input = toInbound(message);
    if (!input) return;
    const chatId = message.from;
    const key = deps.keyer(whatsappWebName, chatId);
    void queue
      .run(key, async () => {
        tracked.track(key, message, false);
        const result = await deps.conversation.handle({ channel: whatsappWebName, chatId, input });
        if (result.signal === "erase") log.info(await tracked.erase(key), "whatsapp-web: chat erased");
        for (const reply of result.replies) {
          for (const text of splitText(numberedText(reply), maxChars)) {
            const sent = await current.sendMessage(chatId, text);
            tracked.track(key, sent, true);
          }
        }
      })
      .catch((error: unknown) => log.error({ error: safeError(error) }, "whatsapp-web: a turn failed"));
  };

  const listen = (current: WebClient) => {
    const mine = <A extends unknown[]>(handler: (...args: A) => void) => (...args: A) => {
      if (client === current) handler(...args);
    };
    current.on("qr", mine((qr: string) => {
      if (pairing.state !== "pairing") log.info("whatsapp-web: waiting for the QR code to be scanned (GET /api/whatsapp/status or the terminal)");
      setState("pairing", qr);
      deps.showQr?.(qr);
    }));
    current.on("authenticated", mine(() => setState("authenticated")));
    current.on("auth_failure", mine(() => {
      log.warn("whatsapp-web: the saved pairing was refused; a new QR code will follow");
      reconnectLater(current);
    }));
    current.on("ready", mine(() => {
      attempts = 0;
      setState("ready");
    }));
    current.on("change_state", mine((state) => log.info({ waState: String(state) }, "whatsapp-web: connection state")));
    current.on("disconnected", mine((reason) => {
      setState("disconnected", null, { reason: String(reason) });
      reconnectLater(current);
    }));
    current.on("message", mine((message) => onMessage(current, message)));
  };

  function connect(): void {
    timer = undefined;
    if (stopped) return;
    const current = deps.createClient();
    client = current;
    setState("starting");
    listen(current);
    current.initialize().catch((error: unknown) => {
      log.warn({ error: safeError(error) }, "whatsapp-web: the browser client failed to start");
      setState("disconnected", null, { reason: "start failed" });
      reconnectLater(current);
    });
  }

  return {
    name: whatsappWebName,
    async start() {
      if (!stopped) return;
      stopped = false;
      attempts = 0;
      connect();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await queue.drain();
      const current = client;
      client = null;
      setState("stopped");
      if (current) {
        current.removeAllListeners();
        await current.destroy().catch((error: unknown) => log.warn({ error: safeError(error) }, "whatsapp-web: closing the browser failed"));
      }
    },
    status(): ChannelStatus {
      return toChannelStatus(pairing);
    },
    pairing: () => pairing,
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
