/**
 * The flow map in real Chromium, with figures from real conversations counted by real analytics
 * (embedded PGlite): the list, a map drawn as SVG, a node opened by clicking it in the graph,
 * suppressed figures never shown as numbers, and no serious accessibility violations.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalytics, type Analytics } from "../../analytics/create-analytics.ts";
import type { FlowReport } from "../../analytics/flow-report.ts";
import { fixedContent } from "../../content/content-source.ts";
import {
  analyticsConfig,
  completeOne,
  leaveAtMenu,
  testDatabases,
  untilReady,
} from "../../../test/support/analytics.ts";
import {
  browserUnavailable,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
} from "../../../test/support/browser.ts";
import { loadOk, miniDir } from "../../../test/support/content.ts";
import { testConversation } from "../../../test/support/conversation.ts";
import { serveApp, type Served } from "../../../test/support/serve-app.ts";
import { captureLogger } from "../../../test/support/test-logger.ts";
import { testShell } from "../../../test/support/console/testing-shell.tsx";
import { flowMapPage } from "./flow-map-page.tsx";

const unavailable = browserUnavailable();
const content = loadOk(miniDir);

describe.skipIf(unavailable)("flow map in Chromium", () => {
  const config = analyticsConfig();
  let analytics: Analytics;
  let browser: Browser;
  let served: Served;
  let page: Page;
  let cleanup = async () => {};

  beforeAll(async () => {
    // PostgreSQL when TEST_DATABASE_URL is set (quicker to open), else embedded PGlite.
    const db = await testDatabases().at(-1)!.setup();
    cleanup = db.cleanup;
    config.DATABASE_URL = db.databaseUrl;
    const log = captureLogger();
    analytics = await createAnalytics({ config, logger: log.logger, campaigns: ["spring"] });
    const { conversation } = testConversation({ analytics: analytics.sink, logger: log.logger });
    // 6 people finish Tips; 2 leave at the main menu: a figure below ANALYTICS_MIN_COUNT (5).
    for (let i = 0; i < 6; i++) await completeOne(conversation, `done-${i}`);
    for (let i = 0; i < 2; i++) await leaveAtMenu(conversation, `left-${i}`, "what?");
    await untilReady(analytics, 150_000);
    await analytics.sink.flush();
    const auth = { headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } };
    // The same report GET /api/analytics/flows/:id answers.
    const flowReport = async (flow: string) =>
      (await (await analytics.routes.request(`/flows/${flow}`, auth)).json()) as FlowReport;
    const app = testShell({
      "/console/flows": flowMapPage({
        content: fixedContent(content),
        flowsDir: join(miniDir, "flows"),
        flowReport,
      }),
    });
    served = await serveApp(app);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await analytics?.close();
    await cleanup();
    rmSync(config.DATA_DIR, { recursive: true, force: true });
  });

  it("lists the flows", async () => {
    await page.goto(`${served.url}/console/flows`);
    expect(await page.locator("table a").allInnerTexts()).toContain("tips");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "console-flow-list");
  }, 60_000);

  it("draws a flow with figures, opens a node from the graph and follows a link to another flow", async () => {
    await page.goto(`${served.url}/console/flows/tips`);
    const svg = page.locator(".gl-svg svg");
    await svg.waitFor();
    const graph = await svg.innerHTML();
    expect(graph).toContain("visits 6");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "console-flow-map-tips");

    await page.locator(".gl-svg svg a", { hasText: "more" }).first().click();
    await page.locator("#node-details").waitFor();
    expect(await page.locator("#node-details").innerText()).toMatch(/flows\/tips\.yaml:\d+/);
    await page.selectOption("#node-lang", "nl");
    await page.click("#node-details button[type=submit]");
    await page.waitForURL(/lang=nl/);
    expect(await page.locator("#node-details").innerText()).toContain(
      content.translator.t("nl", "tips:more"),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "console-flow-map-node");

    await page.locator(".gl-svg svg a", { hasText: "→ feedback" }).first().click();
    await page.waitForURL(/\/console\/flows\/feedback/);
  }, 90_000);

  it("shows a figure below the minimum only as 'fewer than 5'", async () => {
    await page.goto(`${served.url}/console/flows/welcome`);
    const text = await page.locator("main").innerText();
    expect(text).toContain("fewer than 5");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "console-flow-map-welcome");
  }, 60_000);
});
