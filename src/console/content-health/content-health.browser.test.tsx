/**
 * Content health in real Chromium on the shipped content: checked as `flows check` does, with a
 * date far enough ahead that every referral entry is due for a re-check (so highlighting shows),
 * and no serious accessibility violations.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentStatus } from "../../content/hot-reload.ts";
import { contentPaths, loadContent } from "../../content/load-content.ts";
import {
  browserUnavailable,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
} from "../../../test/support/browser.ts";
import { shippedDir } from "../../../test/support/content.ts";
import { serveApp, type Served } from "../../../test/support/serve-app.ts";
import { testShell } from "../../../test/support/console/testing-shell.tsx";
import { contentHealthPage } from "./content-health-page.tsx";

const unavailable = browserUnavailable();

describe.skipIf(unavailable)("content health in Chromium", () => {
  let browser: Browser;
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    const later = new Date("2028-06-01");
    const status: ContentStatus = {
      ready: true,
      lastLoadOk: false,
      loadedAt: "2026-12-01T09:00:00.000Z",
      attemptedAt: "2026-12-01T09:30:00.000Z",
      errors: ["flows/menu.yaml:12:9: error: option `signs` leads to flow `sings`, which does not exist"],
      flows: 14,
      languages: ["en", "nl"],
    };
    const app = testShell({
      "/console/health": contentHealthPage({
        check: () => loadContent(contentPaths(shippedDir), { today: later }),
        reloadStatus: () => status,
        now: () => later,
        root: shippedDir,
      }),
    });
    served = await serveApp(app);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it("shows problems, locales, the referral directory with stale entries, and the refused reload", async () => {
    await page.goto(`${served.url}/console/health`);
    const main = await page.locator("main").innerText();
    expect(main).toContain("refused");
    expect(main).toContain("leads to flow `sings`");
    expect(main).toMatch(/Philippines \(PH\)/);
    expect(main).toContain("older than 12 months");
    expect(main).toMatch(/No emergency: people here are shown the international contacts/);
    expect(await page.locator("tr.gl-stale").count()).toBeGreaterThan(10);
    // Files as `flows check` names them, relative to the content directory.
    expect(main).toMatch(/\sflows\/referrals\/ph\.yaml:\d+:\d+/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "console-content-health");
  }, 60_000);
});
