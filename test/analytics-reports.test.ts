/**
 * The figures in the reports equal the conversations that were run through the real pipeline;
 * staff testing in the simulator is left out; the CLI prints the same figures.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalytics, type Analytics } from "../src/analytics/create-analytics.ts";
import { runAnalyticsCli } from "../src/cli/analytics.ts";
import { captureLogger } from "../src/analytics/test-logger.ts";
import { analyticsConfig, completeOne, leaveAtMenu, miniConversation } from "./support/analytics.ts";

const config = analyticsConfig();
const auth = { headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } };
let analytics: Analytics;

beforeAll(async () => {
  const log = captureLogger();
  analytics = await createAnalytics({ config, logger: log.logger, campaigns: ["spring"] });
  const { conversation } = miniConversation(analytics.sink, log.logger);
  for (let i = 0; i < 6; i++) await completeOne(conversation, `done-${i}`);
  for (let i = 0; i < 7; i++) await leaveAtMenu(conversation, `left-${i}`, "what?");
  for (let i = 0; i < 3; i++) await completeOne(conversation, `staff-${i}`, "simulator");
  await analytics.sink.flush();
});
afterAll(async () => {
  await analytics?.close();
  rmSync(config.DATA_DIR, { recursive: true, force: true });
});

const get = async <T>(path: string) => (await (await analytics.routes.request(path, auth)).json()) as T;

describe("reports after real conversations", () => {
  it("summary counts started and completed conversations, without the simulator", async () => {
    const summary = await get<{ conversations: unknown; topics: Array<{ flow: string }>; perDay: unknown[] }>("/summary");
    expect(summary.conversations).toEqual({ started: 13, completed: 6, completionRate: 0.462 });
    expect(summary.perDay).toHaveLength(1);
    expect(summary.topics.map((t) => t.flow).sort()).toEqual(["menu", "welcome"]);
  });

  it("the simulator is counted under its own channel", async () => {
    const summary = await get<{ conversations: { started: number } }>("/summary?channel=simulator");
    expect(summary.conversations.started).toBe("suppressed"); // 3 < 5
  });

  it("flow report: visits, drop-off and choices per node of the version", async () => {
    const menu = await get<{ versions: Array<{ started: number; nodes: unknown[]; segments: unknown[] }> }>("/flows/menu");
    expect(menu.versions).toHaveLength(1);
    expect(menu.versions[0]!.started).toBe(13);
    expect(menu.versions[0]!.nodes).toEqual([{ node: "pick", visits: 13, dropOff: 7, notUnderstood: 0 }]);
    expect(menu.versions[0]!.segments).toEqual([{ node: "pick", option: "bye", next: "@stop", chosen: 6 }]);
    const welcome = await get<{ versions: Array<{ nodes: Array<{ node: string; notUnderstood: unknown }> }> }>("/flows/welcome");
    expect(welcome.versions[0]!.nodes.find((n) => n.node === "pick_country")?.notUnderstood).toBe(7);
  });

  it("CSV export holds the same counts", async () => {
    const csv = await (await analytics.routes.request("/export.csv", auth)).text();
    const started = csv.split("\r\n").filter((l) => l.includes(",conversation_started,"));
    expect(started).toEqual([expect.stringMatching(/,telegram,en,,spring,13$/)]);
  });

  it("the CLI prints the summary, reading through the running server's embedded database", async () => {
    let out = "";
    const code = await runAnalyticsCli(["report"], (t) => (out += t), { DATA_DIR: config.DATA_DIR, ANALYTICS_MIN_COUNT: "5" });
    expect(code).toBe(0);
    expect(out).toMatch(/Conversations started\s+13/);
    expect(out).toMatch(/Conversations completed\s+6/);
    expect(out).toMatch(/Completion rate\s+46.2%/);
  });
});
