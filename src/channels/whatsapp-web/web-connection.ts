/**
 * Keeps one whatsapp-web.js client connected: pairing by QR, reconnecting with backoff after a
 * disconnect, and a watchdog for what the library does not report. It may never emit
 * `disconnected` on a network loss or a browser crash, and `initialize()` can hang (it loads the
 * page with no timeout), so initialize has a deadline, and a ready client is asked for its state
 * at intervals; no answer in time, or not CONNECTED several times running, means reconnect.
 */
import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import { backoff } from "../../backoff/backoff.ts";
import { redactError } from "../../logging/redact-error.ts";
import type { WebClient } from "./web-client.ts";

export type PairingState = "starting" | "pairing" | "authenticated" | "ready" | "disconnected" | "stopped";

export interface PairingStatus {
  state: PairingState;
  /** The QR code to scan while pairing (the raw string a QR image encodes), else null. */
  qr: string | null;
  /** When the state last changed, ISO 8601. */
  since: string;
}

export interface WatchdogOptions {
  /** initialize() must settle within this (default 3 min). */
  initializeTimeoutMs?: number;
  /** How often a ready client is asked for its state (default 60 s). */
  healthIntervalMs?: number;
  /** How long it may take to answer (default 20 s). */
  healthTimeoutMs?: number;
  /** Answers other than CONNECTED in a row before reconnecting (default 3: WhatsApp Web rides out short blips itself). */
  unhealthyChecks?: number;
}

export interface WebConnectionOptions extends WatchdogOptions {
  createClient: () => WebClient;
  log: Logger;
  onMessage: (message: Message) => void;
  /** The client is paired and connected. */
  onReady?: (client: WebClient) => void;
  showQr?: ((qr: string) => void) | undefined;
  /** Milliseconds to wait before reconnect attempt n (1, 2, …). */
  backoff: (attempt: number) => number;
  now: () => Date;
}

export interface WebConnection {
  start(): void;
  stop(): Promise<void>;
  /** The client connected now, or null while reconnecting or stopped. */
  client(): WebClient | null;
  pairing(): PairingStatus;
}

export const defaultBackoff = backoff({ firstMs: 2_000, maxMs: 300_000 });

class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/** Rejects when `promise` has not settled after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms)),
  );
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function createWebConnection(options: WebConnectionOptions): WebConnection {
  const { log } = options;
  const healthIntervalMs = options.healthIntervalMs ?? 60_000;
  const healthTimeoutMs = options.healthTimeoutMs ?? 20_000;
  let client: WebClient | null = null;
  let pairing: PairingStatus = { state: "stopped", qr: null, since: options.now().toISOString() };
  let attempts = 0;
  let unhealthy = 0;
  let checking = false;
  let timer: NodeJS.Timeout | undefined;
  let health: NodeJS.Timeout | undefined;
  let stopped = true;

  const setState = (state: PairingState, qr: string | null = null, detail?: Record<string, string>) => {
    const changed = state !== pairing.state || qr !== pairing.qr;
    pairing = { state, qr, since: state === pairing.state ? pairing.since : options.now().toISOString() };
    if (changed && state !== "pairing") log.info({ state, ...detail }, "whatsapp-web state changed");
  };

  /** Drops `current` (if it is still the client) and connects afresh after the backoff. */
  const reconnectLater = (current: WebClient, reason: string) => {
    if (stopped || client !== current) return;
    setState("disconnected", null, { reason });
    client = null;
    current.removeAllListeners();
    current
      .destroy()
      .catch((error: unknown) =>
        log.debug({ err: redactError(error) }, "whatsapp-web: closing the old browser failed"),
      );
    attempts += 1;
    const delay = options.backoff(attempts);
    log.info({ attempt: attempts, delayMs: delay }, "whatsapp-web: reconnecting");
    timer = setTimeout(connect, delay);
  };

  const listen = (current: WebClient) => {
    const mine =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        if (client === current) handler(...args);
      };
    current.on(
      "qr",
      mine((qr: string) => {
        if (pairing.state !== "pairing")
          log.info(
            "whatsapp-web: waiting for the QR code to be scanned (GET /api/whatsapp/status or the terminal)",
          );
        setState("pairing", qr);
        options.showQr?.(qr);
      }),
    );
    current.on(
      "authenticated",
      mine(() => setState("authenticated")),
    );
    current.on(
      "auth_failure",
      mine(() => {
        log.warn("whatsapp-web: the saved pairing was refused; a new QR code will follow");
        reconnectLater(current, "auth failure");
      }),
    );
    current.on(
      "ready",
      mine(() => {
        attempts = 0;
        setState("ready");
        options.onReady?.(current);
      }),
    );
    current.on(
      "change_state",
      mine((state) => log.info({ waState: String(state) }, "whatsapp-web: connection state")),
    );
    current.on(
      "disconnected",
      mine((reason) => reconnectLater(current, String(reason))),
    );
    current.on(
      "message",
      mine((message) => options.onMessage(message)),
    );
  };

  function connect(): void {
    timer = undefined;
    if (stopped) return;
    const current = options.createClient();
    client = current;
    unhealthy = 0;
    setState("starting");
    listen(current);
    within(current.initialize(), options.initializeTimeoutMs ?? 180_000, "initialize").catch(
      (error: unknown) => {
        // stop() or a reconnect already let go of this client: its failure is expected, not news.
        if (client !== current) return;
        log.warn({ err: redactError(error) }, "whatsapp-web: the browser client failed to start");
        reconnectLater(current, error instanceof TimeoutError ? "start timed out" : "start failed");
      },
    );
  }

  /** The watchdog: a ready client must answer getState() in time, and be CONNECTED. */
  async function checkHealth(): Promise<void> {
    const current = client;
    if (stopped || checking || !current || pairing.state !== "ready") return;
    checking = true;
    try {
      const state = await within(current.getState(), healthTimeoutMs, "getState");
      unhealthy = state === "CONNECTED" ? 0 : unhealthy + 1;
      if (unhealthy >= (options.unhealthyChecks ?? 3)) {
        log.warn({ waState: String(state) }, "whatsapp-web: not connected for several checks");
        reconnectLater(current, "not connected");
      }
    } catch (error) {
      if (client !== current) return;
      log.warn({ err: redactError(error) }, "whatsapp-web: the browser client does not answer");
      reconnectLater(current, "no answer");
    } finally {
      checking = false;
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempts = 0;
      health = setInterval(() => void checkHealth(), healthIntervalMs);
      connect();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(health);
      const current = client;
      client = null;
      setState("stopped");
      if (current) {
        current.removeAllListeners();
        // A hung browser must not hold up shutdown.
        await within(current.destroy(), 10_000, "destroy").catch((error: unknown) =>
          log.warn({ err: redactError(error) }, "whatsapp-web: closing the browser failed"),
        );
      }
    },
    client: () => client,
    pairing: () => pairing,
  };
}
