/**
 * Sends messages through the Graph API (`POST <root>/<version>/<phone number id>/messages`).
 * Root and version are configurable, so tests point it at a fake Graph API on loopback. Throttling
 * is waited out as often as Meta asks (honouring Retry-After; throttles do not count as failed
 * attempts), while 5xx and network failures get a few quick retries: a message finally given up
 * leaves the rest of the turn to go out. Meta signals most of them by error `code`, often with
 * HTTP 400, so the code decides, not only the HTTP status.
 */
import { backoff as backoffOf, realTimers, sleep as sleepOn } from "../../backoff/backoff.ts";
import { noObserver, type TurnObserver } from "../turn-observer.ts";
import type { GraphMessage } from "./to-platform.ts";

export interface GraphClientOptions {
  apiRoot: string;
  apiVersion: string;
  phoneNumberId: string;
  token: string;
  fetch?: typeof fetch;
  /** Retries of 5xx and network failures after the first attempt (default 5). */
  retries?: number;
  /** Throttled answers waited out before giving up (default 50: minutes of waiting, never a silent loss). */
  throttleRetries?: number;
  /** Milliseconds before retry n (1, 2, …) when the answer has no Retry-After. Default 500 ms doubling to 4 s. */
  backoff?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
  observer?: TurnObserver;
}

/** The Graph API refused a message. Carries Meta's error code, never the recipient or text. */
export class GraphApiError extends Error {
  override readonly name = "GraphApiError";
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly attempts: number,
  ) {
    super(
      `Graph API answered ${status}${code === undefined ? "" : ` (error code ${code})`} after ${attempts} attempt(s)`,
    );
  }

  /** Meta refused this message for good (bad request, not a throttle or an outage): resending it unchanged will not help. */
  get refused(): boolean {
    return this.status >= 400 && this.status < 500 && !retryableCode(this.code) && this.status !== 429;
  }
}

export interface GraphClient {
  /** Sends one message to a WhatsApp user (their wa_id). */
  send(to: string, message: GraphMessage): Promise<void>;
  /** The number people write to (`display_phone_number`), digits only, for the wa.me link. */
  displayNumber(): Promise<string>;
}

const maxRetryAfterMs = 60_000;

/**
 * Error codes that mean "later", from Meta's Cloud API error-code reference: throttling (4 app
 * call limit, 80007 account rate limit, 130429 throughput, 131056 pair rate limit) and transient
 * failures (1 unknown, 2 service overloaded, 131000 something went wrong, 131016 service
 * unavailable, 133004 server temporarily unavailable). Meta answers several of them with HTTP 400.
 */
export const retryableCodes: ReadonlySet<number> = new Set([
  1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004,
]);

/** Of those, the ones that mean "too many, wait" rather than "something broke". */
const throttleCodes: ReadonlySet<number> = new Set([4, 80007, 130429, 131056]);

function retryableCode(code: number | undefined): boolean {
  return code !== undefined && retryableCodes.has(code);
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 5;
  const throttleRetries = options.throttleRetries ?? 50;
  const backoff = options.backoff ?? backoffOf({ firstMs: 500, maxMs: 4000 });
  const sleep = options.sleep ?? ((ms: number) => sleepOn(ms, realTimers));
  const observer = options.observer ?? noObserver;
  const phoneUrl = `${options.apiRoot.replace(/\/+$/, "")}/${options.apiVersion}/${options.phoneNumberId}`;
  const url = `${phoneUrl}/messages`;
  return {
    async displayNumber() {
      const response = await doFetch(`${phoneUrl}?fields=display_phone_number`, {
        headers: { authorization: `Bearer ${options.token}` },
      });
      const body = (await response.json().catch(() => ({}))) as { display_phone_number?: unknown };
      const digits = String(body.display_phone_number ?? "").replace(/\D/g, "");
      if (!response.ok || !digits) throw new GraphApiError(response.status, undefined, 1);
      return digits;
    },
    async send(to, message) {
      const body = JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to,
        ...message,
      });
      let failures = 0;
      let throttles = 0;
      for (let attempt = 1; ; attempt++) {
        const response = await doFetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
          body,
        }).catch(() => null);
        if (response?.ok) {
          await response.body?.cancel();
          return;
        }
        const code = await errorCode(response);
        const throttled = response?.status === 429 || throttleCodes.has(code ?? -1);
        const retryable = throttled || !response || response.status >= 500 || retryableCode(code);
        if (!retryable) throw new GraphApiError(response?.status ?? 0, code, attempt);
        if (throttled ? ++throttles > throttleRetries : ++failures > retries) {
          observer.gaveUp("whatsapp_cloud");
          throw new GraphApiError(response?.status ?? 0, code, attempt);
        }
        if (throttled) observer.retried429("whatsapp_cloud");
        await sleep(retryAfter(response) ?? backoff(throttled ? throttles : failures));
      }
    },
  };
}

function retryAfter(response: Response | null): number | undefined {
  const seconds = Number(response?.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, maxRetryAfterMs) : undefined;
}

/** Meta's `error.code` from an error answer (the body is read once, here). */
async function errorCode(response: Response | null): Promise<number | undefined> {
  try {
    const body = (await response?.json()) as { error?: { code?: unknown } } | undefined;
    const code = body?.error?.code;
    // Meta sends a number; some relays pass it on as a string ("131056").
    const parsed = typeof code === "string" && /^\d+$/.test(code) ? Number(code) : code;
    return typeof parsed === "number" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
