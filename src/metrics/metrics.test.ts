import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createBufferedSink } from "../analytics/buffered-sink.ts";
import { createApp } from "../http/create-app.ts";
import { createMemorySessionStore } from "../sessions/memory-session-store.ts";
import type { SessionStore } from "../sessions/session-store.ts";
import { captureLogger } from "../../test/support/test-logger.ts";
import { createMetrics } from "./create-metrics.ts";
import { metricsRoute } from "./metrics-route.ts";
import { observeAnalytics } from "./observe-analytics.ts";
import { observeSessionStore } from "./observe-session-store.ts";
import { createTurnObserver } from "./turn-observer.ts";
import { webhookRequests } from "./webhook-requests.ts";
import { turnOf } from "../../test/support/turn.ts";

const adminToken = "admin-token-0123456789";
const phone = "31612345678";
const chatId = "987654321";
const words = "my son told me something";

function setup() {
  const metrics = createMetrics();
  const sink = createBufferedSink({
    writer: { increment: async () => {} },
    logger: captureLogger().logger,
    flushSeconds: 3600,
    maxCells: 100,
  });
  let databaseUp = true;
  observeAnalytics(metrics, { status: () => sink.status(), databaseUp: async () => databaseUp });
  const webhook = new Hono().post("/", (c) => c.json({}, c.req.header("x-ok") ? 200 : 401));
  const app = createApp({
    logger: captureLogger().logger,
    middleware: [webhookRequests(metrics)],
    routes: [
      { path: "/webhooks/telegram", app: webhook },
      { path: "/", app: metricsRoute({ registry: metrics.registry, adminToken }) },
    ],
  });
  const scrape = async () => {
    const response = await app.request("/metrics", { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    return { text, families: new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f])) };
  };
  return { metrics, sink, app, scrape, setDatabase: (up: boolean) => (databaseUp = up) };
}

const failingStore: SessionStore = {
  get: async () => Promise.reject(new Error("redis down")),
  set: async () => {},
  delete: async () => {},
  ping: async () => false,
  close: async () => {},
};

describe("GET /metrics", () => {
  it("answers 401 without the admin token", async () => {
    const { app } = setup();
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("serves every metric in Prometheus' text format, with the figures recorded", async () => {
    const { metrics, sink, app, scrape, setDatabase } = setup();
    const observer = createTurnObserver(metrics);
    observer.turn("telegram", 0.042, "answered");
    observer.turn("telegram", 0.1, "duplicate");
    observer.replySent("telegram");
    observer.replySent("whatsapp_cloud");
    observer.replyFailed("telegram", "GrammyError");
    observer.retried429("telegram");
    observer.gaveUp("telegram");
    await app.request("/webhooks/telegram", { method: "POST", headers: { "x-ok": "1" } });
    await app.request("/webhooks/telegram", { method: "POST" });
    const sessions = observeSessionStore(createMemorySessionStore(), metrics);
    await sessions.set("k", { a: 1 }, 60);
    await sessions.get("k");
    await observeSessionStore(failingStore, metrics)
      .get("k")
      .catch(() => {});
    sink.record(turnOf([{ type: "conversation_started" }]), {
      channel: "telegram",
      locale: "en",
      country: "NL",
      campaign: "",
    });
    setDatabase(false);

    const { families } = await scrape();
    const value = (name: string, labels: Record<string, string> = {}) =>
      Number(
        families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
          ?.value,
      );
    expect(value("guardline_turns_total", { channel: "telegram", outcome: "answered" })).toBe(1);
    expect(value("guardline_turns_total", { channel: "telegram", outcome: "duplicate" })).toBe(1);
    const turnSeconds = families.get("guardline_turn_seconds")!;
    expect(turnSeconds.type).toBe("HISTOGRAM");
    // The parser keeps a histogram's buckets (not its labels): one turn within 50 ms, two in all.
    expect(turnSeconds.metrics[0]!.buckets).toMatchObject({ "0.05": "1", "+Inf": "2" });
    expect(value("guardline_replies_sent_total", { channel: "whatsapp_cloud" })).toBe(1);
    expect(value("guardline_replies_failed_total", { channel: "telegram", error_class: "GrammyError" })).toBe(
      1,
    );
    expect(value("guardline_rate_limit_retries_total", { channel: "telegram" })).toBe(1);
    expect(value("guardline_replies_given_up_total", { channel: "telegram" })).toBe(1);
    expect(value("guardline_webhook_requests_total", { channel: "telegram", status: "200" })).toBe(1);
    expect(value("guardline_webhook_requests_total", { channel: "telegram", status: "401" })).toBe(1);
    // The parser merges a histogram's labelled series; their labels are read from prom-client.
    expect(families.get("guardline_session_store_seconds")).toMatchObject({ type: "HISTOGRAM" });
    const storeCounts = (await metrics.sessionStoreSeconds.get()).values.filter((v) =>
      v.metricName?.endsWith("_count"),
    );
    expect(Object.fromEntries(storeCounts.map((v) => [v.labels.operation, v.value]))).toEqual({
      set: 1,
      get: 2,
    });
    expect(value("guardline_session_store_errors_total", { operation: "get" })).toBe(1);
    expect(value("guardline_analytics_buffered_cells")).toBe(1);
    expect(value("guardline_analytics_database_up")).toBe(0);
    expect(value("guardline_analytics_dropped_events_total")).toBe(0);
    // Node's process metrics, the event-loop delay among them.
    for (const name of [
      "process_cpu_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_eventloop_lag_max_seconds",
    ])
      expect(families.has(name), name).toBe(true);

    await sink.flush();
    const later = await scrape();
    expect(Number(later.families.get("guardline_analytics_flushed_counts_total")!.metrics[0]!.value)).toBe(1);
    expect(Number(later.families.get("guardline_analytics_buffered_cells")!.metrics[0]!.value)).toBe(0);
    await sink.close();
  });

  it("never carries a chat id, a phone number or a person's words in a label", async () => {
    const { metrics, app, scrape } = setup();
    const observer = createTurnObserver(metrics);
    observer.turn(phone, 0.01, "answered");
    observer.turn("telegram", 0.01, words as never);
    observer.replySent(chatId);
    observer.replyFailed("telegram", words);
    observer.replyFailed("telegram", `Error${phone}`);
    observer.retried429(`telegram:${chatId}`);
    observer.gaveUp(`+${phone}`);
    await app.request(`/webhooks/${chatId}`, { method: "POST" });
    await app.request(`/webhooks/telegram/${phone}`, { method: "POST" });

    const { text, families } = await scrape();
    for (const secret of [phone, chatId, words, "my son"]) expect(text).not.toContain(secret);
    const labels = [...families.values()]
      .filter((f) => f.name.startsWith("guardline_"))
      .flatMap((f) => f.metrics.flatMap((m) => Object.values(m.labels ?? {})));
    expect(labels).toContain("other");
    for (const label of labels) expect(label).toMatch(/^[A-Za-z][A-Za-z0-9_]*$|^\d{3}$/);
  });

  it("gives every process its own registry", async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    createTurnObserver(a).replySent("telegram");
    expect(a.registry).not.toBe(b.registry);
    expect((await b.repliesSent.get()).values).toEqual([]);
    expect((await a.repliesSent.get()).values).toHaveLength(1);
  });
});
