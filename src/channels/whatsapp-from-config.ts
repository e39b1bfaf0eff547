/**
 * Builds the two WhatsApp channels from configuration for the composition root, and says for
 * each whether it is on and why (or why not), in sentences for the start-up log.
 */
import { existsSync } from "node:fs";
import type { Hono } from "hono";
import type { Logger } from "pino";
import qrcodeTerminal from "qrcode-terminal";
import { publicEndpoint, type Config } from "../config/config.ts";
import type { ContentSource } from "../content/content-source.ts";
import type { Conversation } from "../conversation/conversation.ts";
import type { OnceStore } from "../sessions/once-store.ts";
import type { SessionKeyer } from "../sessions/session-key.ts";
import type { Channel, ChannelStatus } from "./channel.ts";
import type { TurnObserver } from "./turn-observer.ts";
import type { TurnRunnerDeps } from "./turn-runner.ts";
import { createGraphClient } from "./whatsapp-cloud/graph-client.ts";
import { createWhatsAppCloudChannel, webhookPath } from "./whatsapp-cloud/whatsapp-cloud-channel.ts";
import { whatsappStatusRoute } from "./whatsapp-web/status-route.ts";
import { createWhatsAppWebChannel } from "./whatsapp-web/whatsapp-web-channel.ts";

type WhatsAppConfig = Pick<
  Config,
  | "WHATSAPP_WEB"
  | "CHROMIUM_PATH"
  | "DATA_DIR"
  | "ADMIN_TOKEN"
  | "PUBLIC_URL"
  | "WHATSAPP_CLOUD_TOKEN"
  | "WHATSAPP_CLOUD_PHONE_NUMBER_ID"
  | "WHATSAPP_CLOUD_APP_SECRET"
  | "WHATSAPP_CLOUD_VERIFY_TOKEN"
  | "WHATSAPP_CLOUD_API_ROOT"
  | "WHATSAPP_CLOUD_DISPLAY_NUMBER"
  | "WHATSAPP_CLOUD_API_VERSION"
>;

export interface WhatsAppDeps {
  conversation: Conversation;
  content: ContentSource;
  keyer: SessionKeyer;
  logger: Logger;
  /** Redelivery memory shared by every instance (Redis when REDIS_URL is set), so Meta's retries are answered once. */
  once: OnceStore;
  /** Durable inbound queue for the Cloud API's webhook (WhatsApp Web keeps its socket's order in process). */
  inbound?: TurnRunnerDeps["inbound"];
  /** Shows the pairing QR code; default: printed small in the terminal. */
  showQr?: (qr: string) => void;
  /** Metrics of turns, replies and retries. */
  observer?: TurnObserver;
  /** Each channel's share link once known (the paired number, or the Cloud API's display number). */
  onLink?: (channel: string, link: string) => void;
}

export interface WhatsAppChannels {
  channels: Channel[];
  routes: Array<{ path: string; app: Hono }>;
  /** Channels that are off, with the reason, for /readyz. */
  off: ChannelStatus[];
}

const printQr = (qr: string) =>
  qrcodeTerminal.generate(qr, { small: true }, (art) =>
    process.stdout.write(`\nScan with WhatsApp (Settings > Linked devices):\n${art}\n`),
  );

export async function createWhatsAppChannels(
  config: WhatsAppConfig,
  deps: WhatsAppDeps,
): Promise<WhatsAppChannels> {
  const out: WhatsAppChannels = { channels: [], routes: [], off: [] };
  const { logger } = deps;

  if (!config.WHATSAPP_WEB) {
    out.off.push({ name: "whatsapp_web", state: "off", detail: "WHATSAPP_WEB is not on" });
    logger.info("whatsapp-web: off, WHATSAPP_WEB is not on");
  } else if (!existsSync(config.CHROMIUM_PATH)) {
    out.off.push({ name: "whatsapp_web", state: "off", detail: "Chromium not found at CHROMIUM_PATH" });
    logger.warn(
      { chromiumPath: config.CHROMIUM_PATH },
      "whatsapp-web: off, Chromium not found at CHROMIUM_PATH (apt install chromium, or set CHROMIUM_PATH)",
    );
  } else {
    // Loaded only when on: whatsapp-web.js brings puppeteer, which costs start-up time and memory.
    const { createWebClient } = await import("./whatsapp-web/web-client.ts");
    const web = createWhatsAppWebChannel({
      createClient: () => createWebClient({ chromiumPath: config.CHROMIUM_PATH, dataDir: config.DATA_DIR }),
      conversation: deps.conversation,
      keyer: deps.keyer,
      logger,
      showQr: deps.showQr ?? printQr,
      once: deps.once,
      ...(deps.observer ? { observer: deps.observer } : {}),
      onPaired: (number) => deps.onLink?.("whatsapp_web", `https://wa.me/${number}`),
    });
    out.channels.push(web);
    if (config.ADMIN_TOKEN)
      out.routes.push({
        path: "/",
        app: whatsappStatusRoute({ pairing: web.pairing, adminToken: config.ADMIN_TOKEN }),
      });
    logger.info(
      config.ADMIN_TOKEN
        ? "whatsapp-web: on, WHATSAPP_WEB=on (pairing QR code in the terminal and at GET /api/whatsapp/status)"
        : "whatsapp-web: on, WHATSAPP_WEB=on (pairing QR code in the terminal only: set ADMIN_TOKEN for GET /api/whatsapp/status)",
    );
  }

  const cloudVars = {
    WHATSAPP_CLOUD_TOKEN: config.WHATSAPP_CLOUD_TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: config.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
    WHATSAPP_CLOUD_APP_SECRET: config.WHATSAPP_CLOUD_APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: config.WHATSAPP_CLOUD_VERIFY_TOKEN,
  };
  const missing = Object.entries(cloudVars)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length) {
    const detail = missing.length === 4 ? "WHATSAPP_CLOUD_TOKEN not set" : `${missing.join(", ")} not set`;
    out.off.push({ name: "whatsapp_cloud", state: "off", detail });
    // Some but not all set is a half-finished setup: worth a warning.
    logger[missing.length === 4 ? "info" : "warn"](`whatsapp-cloud: off, ${detail}`);
  } else {
    const cloud = createWhatsAppCloudChannel({
      conversation: deps.conversation,
      keyer: deps.keyer,
      logger,
      graph: createGraphClient({
        apiRoot: config.WHATSAPP_CLOUD_API_ROOT,
        apiVersion: config.WHATSAPP_CLOUD_API_VERSION,
        phoneNumberId: cloudVars.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
        token: cloudVars.WHATSAPP_CLOUD_TOKEN!,
        ...(deps.observer ? { observer: deps.observer } : {}),
      }),
      phoneNumberId: cloudVars.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
      appSecret: cloudVars.WHATSAPP_CLOUD_APP_SECRET!,
      verifyToken: cloudVars.WHATSAPP_CLOUD_VERIFY_TOKEN!,
      once: deps.once,
      ...(deps.inbound ? { inbound: deps.inbound } : {}),
      ...(deps.observer ? { observer: deps.observer } : {}),
      ...(config.WHATSAPP_CLOUD_DISPLAY_NUMBER
        ? { displayNumber: config.WHATSAPP_CLOUD_DISPLAY_NUMBER }
        : {}),
      onLink: (link) => deps.onLink?.("whatsapp_cloud", link),
    });
    out.channels.push(cloud);
    out.routes.push({ path: "/", app: cloud.routes });
    const url = config.PUBLIC_URL
      ? publicEndpoint(config.PUBLIC_URL, webhookPath)
      : `<PUBLIC_URL>${webhookPath}`;
    logger.info(
      { webhook: url, graphApi: `${config.WHATSAPP_CLOUD_API_ROOT} ${config.WHATSAPP_CLOUD_API_VERSION}` },
      "whatsapp-cloud: on, WHATSAPP_CLOUD_* set (give Meta the webhook URL and verify token)",
    );
  }
  return out;
}
