/**
 * The part of whatsapp-web.js's `Client` that Guardline uses, typed by the library itself, so the
 * tests' fake client and the real one are checked against the same declarations.
 */
import { join } from "node:path";
import wwebjs, { type Client, type Message, type WAState } from "whatsapp-web.js";

/** The client events Guardline listens to, with the argument types the library declares. */
export interface WebClientEvents {
  qr: [qr: string];
  authenticated: [];
  auth_failure: [message: string];
  ready: [];
  change_state: [state: WAState];
  disconnected: [reason: WAState | "LOGOUT"];
  message: [message: Message];
}

export interface WebClient {
  initialize: Client["initialize"];
  destroy: Client["destroy"];
  sendMessage: Client["sendMessage"];
  /** Resolves null (despite the declared type) when WhatsApp no longer has the message. */
  getMessageById: Client["getMessageById"];
  /** The WhatsApp Web socket state; the watchdog's health check. */
  getState: Client["getState"];
  /** Who is paired: `info.wid.user` is the bot's own phone number (for its wa.me share link). */
  info: Client["info"];
  on<E extends keyof WebClientEvents>(event: E, listener: (...args: WebClientEvents[E]) => void): unknown;
  removeAllListeners(): unknown;
}

export interface WebClientOptions {
  /** Debian's Chromium; puppeteer's own download is disabled in .puppeteerrc.cjs. */
  chromiumPath: string;
  /** The pairing is kept under `<dataDir>/whatsapp-web`, so a restart needs no new QR scan. */
  dataDir: string;
}

/** A real client: headless Chromium with the flags a container or small VPS needs. */
export function createWebClient(options: WebClientOptions): WebClient {
  return new wwebjs.Client({
    authStrategy: new wwebjs.LocalAuth({ dataPath: join(options.dataDir, "whatsapp-web") }),
    puppeteer: {
      headless: true,
      executablePath: options.chromiumPath,
      // No sandbox: Chromium's sandbox needs user namespaces that containers usually lack.
      args: [
        "--no-sandbox",
        "--disable-setuid-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-zygote",
      ],
    },
  });
}
