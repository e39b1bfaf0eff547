/**
 * The figures in the reports equal the conversations that were run through the real pipeline;
 * staff testing in the simulator is left out; the CLI prints the same figures. A conversation is
 * completed when the person finished a topic (a flow the main menu leads to), as the engine says.
 * On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalytics, type Analytics } from "../src/analytics/create-analytics.ts";
import type { FlowReport } from "../src/analytics/flow-report.ts";
import type { SummaryReport } from "../src/analytics/summary-report.ts";
import { runAnalyticsCli } from "../src/cli/analytics.ts";
import {
  analyticsConfig,
  completeOne,
  leaveAtMenu,
  leaveWithoutTopic,
  menuTopics,
  miniConversation,
  onlyOpenMenu,
  shippedConversation,
  testDatabases,
  untilReady,
  walkShippedTopic,
} from "./support/analytics.ts";
import { miniDir } from "./support/content.ts";
import { captureLogger } from "./support/test-logger.ts";

describe.each(testDatabases())("reports after real conversations ($name)", (database) => {
  const config = analyticsConfig();
  const auth = { headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } };
  let analytics: Analytics;
  let cleanup = async () => {};
  const get = async <T>(path: string) => (await (await analytics.routes.request(path, auth)).json()) as T;

  beforeAll(async () => {
    const db = await database.setup();
    cleanup = db.cleanup;
    config.DATABASE_URL = db.databaseUrl;
    const log = captureLogger();
    analytics = await createAnalytics({
      config,
      logger: log.logger,
      campaigns: ["spring"],
      isTopic: (flow) => flow === "tips" || flow === "help",
    });
    const { conversation } = miniConversation(analytics.sink, log.logger);
    for (let i = 0; i < 6; i++) await completeOne(conversation, `done-${i}`);
    for (let i = 0; i < 7; i++) await leaveAtMenu(conversation, `left-${i}`, "what?");
    for (let i = 0; i < 5; i++) await leaveWithoutTopic(conversation, `bye-${i}`);
    for (let i = 0; i < 3; i++) await completeOne(conversation, `staff-${i}`, "simulator");
    await untilReady(analytics);
    await analytics.sink.flush();
  });
  afterAll(async () => {
    await analytics?.close();
    await cleanup();
    rmSync(config.DATA_DIR, { recursive: true, force: true });
  });

  it("summary: completed = finished a topic; @stop without a topic is not completed; topics are the menu's", async () => {
    const summary = await get<SummaryReport>("/summary");
    expect(summary.conversations).toEqual({ started: 18, completed: 6, completionRate: 0.333 });
    expect(summary.perDay).toHaveLength(1);
    expect(summary.topics.map((t) => t.flow)).toEqual(["tips"]); // welcome and menu are not topics
    expect(summary.topics[0]).toEqual({ flow: "tips", started: 6, completed: 6 });
    expect(summary.droppedEvents).toBe(0);
  });

  it("the simulator is counted under its own channel", async () => {
    const summary = await get<SummaryReport>("/summary?channel=simulator");
    expect(summary.conversations.started).toBe("suppressed"); // 3 < 5
  });

  it("flow report: visits, drop-off and choices per node of the current version", async () => {
    const menu = await get<FlowReport>("/flows/menu");
    expect(menu.versions).toHaveLength(1);
    expect(menu.versions[0]!.current).toBe(true);
    expect(menu.versions[0]!.started).toBe(24); // 18 conversations, 6 of them back after Tips
    // Left waiting at the menu: the 7 who stopped there and the 6 back from Tips.
    expect(menu.versions[0]!.nodes).toEqual([{ node: "pick", visits: 24, dropOff: 13, notUnderstood: 0 }]);
    expect(menu.versions[0]!.segments).toEqual([
      { node: "pick", option: "bye", next: "@stop", chosen: 5 },
      { node: "pick", option: "tips", next: "flow:tips", chosen: 6 },
    ]);
    const welcome = await get<FlowReport>("/flows/welcome");
    expect(welcome.versions[0]!.version).toMatch(/^[0-9a-f]{12}$/);
    expect(welcome.versions[0]!.nodes.find((n) => n.node === "pick_country")?.notUnderstood).toBe(7);
  });

  it("CSV export holds the reports' figures", async () => {
    const csv = await (await analytics.routes.request("/export.csv", auth)).text();
    expect(csv).toMatch(/\r\nconversations_started,,,,,,,,,,18\r\n/);
    expect(csv).toMatch(/\r\nconversations_completed,,,,,,,,,,6\r\n/);
    expect(csv).not.toContain("node_waited");
  });

  it("the CLI prints the summary with the content's topics, without migrating", async () => {
    let out = "";
    const env = {
      DATA_DIR: config.DATA_DIR,
      DATABASE_URL: config.DATABASE_URL,
      ANALYTICS_MIN_COUNT: "5",
      CONTENT_DIR: miniDir,
    };
    const code = await runAnalyticsCli(["report"], (t) => (out += t), env);
    expect(code, out).toBe(0);
    expect(out).toMatch(/Conversations started\s+18/);
    expect(out).toMatch(/Conversations completed\s+6/);
    expect(out).toMatch(/Completion rate\s+33.3%/);
    expect(out).toMatch(/^tips\s+6\s+6$/m);
    expect(out).not.toMatch(/^welcome\s/m);
  });
});

describe.each(testDatabases())("the shipped flows through the real pipeline ($name)", (database) => {
  const config = analyticsConfig({ ANALYTICS_MIN_COUNT: 1 });
  const auth = { headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } };
  let analytics: Analytics;
  let cleanup = async () => {};
  let topics: string[] = [];
  let completions = 0;
  const get = async <T>(path: string) => (await (await analytics.routes.request(path, auth)).json()) as T;

  beforeAll(async () => {
    const db = await database.setup();
    cleanup = db.cleanup;
    config.DATABASE_URL = db.databaseUrl;
    const log = captureLogger();
    analytics = await createAnalytics({
      config,
      logger: log.logger,
      isTopic: (flow) => topics.includes(flow),
    });
    const { conversation, bundle, events } = shippedConversation(analytics.sink, log.logger);
    topics = menuTopics(bundle);
    for (let t = 1; t <= topics.length; t++) await walkShippedTopic(conversation, bundle, `walk-${t}`, t);
    completions = events.filter((e) => e.type === "conversation_completed").length;
    const before = events.length;
    for (let i = 0; i < 3; i++) await onlyOpenMenu(conversation, `menu-only-${i}`);
    expect(events.slice(before).some((e) => e.type === "conversation_completed")).toBe(false);
    await untilReady(analytics);
    await analytics.sink.flush();
  }, 60_000);
  afterAll(async () => {
    await analytics?.close();
    await cleanup();
    rmSync(config.DATA_DIR, { recursive: true, force: true });
  });

  it("walking a topic to its end completes the conversation; opening the menu only does not", async () => {
    const summary = await get<SummaryReport>("/summary");
    expect(completions).toBeGreaterThan(0);
    expect(summary.conversations.started).toBe(topics.length + 3);
    expect(summary.conversations.completed).toBe(completions);
    expect(completions).toBeLessThanOrEqual(topics.length);
  });

  it("every flow: completed <= started; the summary lists only topics", async () => {
    const summary = await get<SummaryReport>("/summary");
    expect(summary.topics.length).toBeGreaterThan(0);
    for (const t of summary.topics) expect(topics).toContain(t.flow);
    const csv = await (await analytics.routes.request("/export.csv", auth)).text();
    const flows = [
      ...new Set(
        csv
          .split("\r\n")
          .filter((l) => l.startsWith("flow_started,"))
          .map((l) => l.split(",")[2]!),
      ),
    ];
    expect(flows.length).toBeGreaterThan(3);
    for (const flow of flows) {
      const report = await get<FlowReport>(`/flows/${flow}`);
      expect(Number(report.total.completed), flow).toBeLessThanOrEqual(Number(report.total.started));
      for (const v of report.versions)
        expect(Number(v.completed), `${flow} ${v.version}`).toBeLessThanOrEqual(Number(v.started));
    }
  });
});
