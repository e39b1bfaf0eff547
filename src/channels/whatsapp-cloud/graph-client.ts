/**
 * Sends messages through the Graph API (`POST <root>/<version>/<phone number id>/messages`).
 * Root and version are configurable, so tests point it at a fake Graph API on loopback. Rate
 * limits (429) and server errors (5xx) are retried with backoff, honouring Retry-After.
 */
import type { GraphMessage } from "./to-platform.ts";

export interface GraphClientOptions {
  apiRoot: string;
  apiVersion: string;
  phoneNumberId: string;
  token: string;
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** Milliseconds before retry n (1, 2, …) when the answer has no Retry-After. Default 500 ms doubling. */
  backoff?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The Graph API refused a message. Carries Meta's error code, never the recipient or text. */
export class GraphApiError extends Error {
  override readonly name = "GraphApiError";
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly attempts: number,
  ) {
    super(`Graph API answered ${status}${code === undefined ? "" : ` (error code ${code})`} after ${attempts} attempt(s)`);
  }
}

export interface GraphClient {
  /** Sends one message to a WhatsApp user (their wa_id). */
  send(to: string, message: GraphMessage): Promise<void>;
}

const maxRetryAfterMs = 60_000;

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 4;
  const backoff = options.backoff ?? ((attempt: number) => 500 * 2 ** (attempt - 1));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const url = `${options.apiRoot.replace(/\/+$/, "")}/${options.apiVersion}/${options.phoneNumberId}/messages`;
  return {
    async send(to, message) {
      const body = JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to, ...message });
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
        const retryable = !response || response.status === 429 || response.status >= 500;
        if (!retryable || attempt > retries) throw new GraphApiError(response?.status ?? 0, await errorCode(response), attempt);
        await response?.body?.cancel();
        await sleep(retryAfter(response) ?? backoff(attempt));
      }
    },
  };
}

function retryAfter(response: Response | null): number | undefined {
  const seconds = Number(response?.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, maxRetryAfterMs) : undefined;
}

async function errorCode(response: Response | null): Promise<number | undefined> {
  try {
    const body = (await response?.json()) as { error?: { code?: unknown } } | undefined;
    return typeof body?.error?.code === "number" ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}
