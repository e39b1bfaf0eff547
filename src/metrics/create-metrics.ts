/**
 * Prometheus metrics for one Guardline process, in a registry of its own (never prom-client's
 * global one, so tests and several instances in one process do not share counts). Labels are a
 * closed vocabulary: channel names, outcomes, operations, status codes and error class names;
 * `safeLabel` turns anything else into "other", so no chat id, phone number or text can become a
 * label, whatever a caller passes.
 *
 * ```ts
 * const metrics = createMetrics();
 * const sessions = observeSessionStore(createMemorySessionStore(), metrics);
 * createApp({ middleware: [webhookRequests(metrics)], routes: [{ path: "/", app: metricsRoute(...) }] });
 * ```
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  turns: Counter<"channel" | "outcome">;
  turnSeconds: Histogram<"channel">;
  repliesSent: Counter<"channel">;
  repliesFailed: Counter<"channel" | "error_class">;
  rateLimitRetries: Counter<"channel">;
  repliesGivenUp: Counter<"channel">;
  webhookRequests: Counter<"channel" | "status">;
  sessionStoreSeconds: Histogram<"operation">;
  sessionStoreErrors: Counter<"operation">;
}

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event-loop delay, GC, handles). Default true. */
  processMetrics?: boolean;
}

/** Turn and store latencies: a turn usually takes milliseconds; seconds mean something waits. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true)
    // The event-loop delay (nodejs_eventloop_lag_*) is sampled every 10 ms.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];
  return {
    registry,
    turns: new Counter({
      name: "guardline_turns_total",
      help: "Conversation turns by channel and outcome (answered, content_unavailable, failed, duplicate).",
      labelNames: ["channel", "outcome"],
      registers,
    }),
    turnSeconds: new Histogram({
      name: "guardline_turn_seconds",
      help: "Time from an update accepted to its last reply sent, by channel.",
      labelNames: ["channel"],
      buckets: latencyBuckets,
      registers,
    }),
    repliesSent: new Counter({
      name: "guardline_replies_sent_total",
      help: "Messages delivered to the platform, by channel.",
      labelNames: ["channel"],
      registers,
    }),
    repliesFailed: new Counter({
      name: "guardline_replies_failed_total",
      help: "Messages the platform refused or that could not be sent, by channel and error class.",
      labelNames: ["channel", "error_class"],
      registers,
    }),
    rateLimitRetries: new Counter({
      name: "guardline_rate_limit_retries_total",
      help: "Sends retried after the platform answered 429 (retry_after waited for), by channel.",
      labelNames: ["channel"],
      registers,
    }),
    repliesGivenUp: new Counter({
      name: "guardline_replies_given_up_total",
      help: "Messages given up after every retry, by channel.",
      labelNames: ["channel"],
      registers,
    }),
    webhookRequests: new Counter({
      name: "guardline_webhook_requests_total",
      help: "Webhook requests by channel and HTTP status answered.",
      labelNames: ["channel", "status"],
      registers,
    }),
    sessionStoreSeconds: new Histogram({
      name: "guardline_session_store_seconds",
      help: "Session store call latency by operation (get, set, delete, ping).",
      labelNames: ["operation"],
      buckets: latencyBuckets,
      registers,
    }),
    sessionStoreErrors: new Counter({
      name: "guardline_session_store_errors_total",
      help: "Session store calls that failed, by operation.",
      labelNames: ["operation"],
      registers,
    }),
  };
}

const labelShape = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * A label value from a closed vocabulary: one of `allowed` when given, else any short identifier
 * with a letter first (an error class name); anything else, digits included, is "other".
 */
export function safeLabel(value: string, allowed?: readonly string[]): string {
  if (allowed) return allowed.includes(value) ? value : "other";
  return labelShape.test(value) && !/\d{5,}/.test(value) ? value : "other";
}

/** Channel names Guardline has; metrics label anything else "other". */
export const channelNames = ["telegram", "whatsapp_web", "whatsapp_cloud", "terminal"] as const;
