/**
 * Content health in real Chromium on the shipped content: checked as `flows check` does, with a
 * date far enough ahead that every referral entry is due for a re-check (so highlighting shows),
 * and no serious accessibility violations. An admin downloads Thai as CSV, edits one cell and
 * uploads it back through the page's forms, on a copy of the content.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentStatus } from "../../content/hot-reload.ts";
import { contentPaths, loadContent } from "../../flows/load-content.ts";
import {
  browserUnavailable,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
} from "../../../test/support/browser.ts";
import { shippedDir } from "../../../test/support/content.ts";
import { createMemoryStaffStore } from "../../staff/staff-store.ts";
import { changedFiles, copyContent } from "../../translations/testing/content-copy.ts";
import { serveApp, type Served } from "../../../test/support/serve-app.ts";
import { testShell } from "../testing-shell.tsx";
import { contentHealthPage } from "./content-health-page.tsx";

const unavailable = browserUnavailable();

describe.skipIf(unavailable)("content health in Chromium", () => {
  let browser: Browser;
  let served: Served;
  let page: Page;
  let admin: Served;
  const copy = copyContent(shippedDir);
  const staff = createMemoryStaffStore();

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
    admin = await serveApp(
      testShell(
        {
          "/console/health": contentHealthPage({
            check: () => loadContent(copy.paths),
            reloadStatus: () => status,
            root: copy.dir,
            translations: { paths: copy.paths, audit: (entry) => staff.audit(entry) },
          }),
        },
        { role: "admin", name: "amira" },
      ),
    );
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await admin?.close();
    copy.remove();
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

  it("lets an admin download a language, edit a cell and upload it back", async () => {
    await page.goto(`${admin.url}/console/health`);
    await page.getByRole("combobox", { name: /^Language/ }).selectOption("th");
    await page.getByLabel(/^Format/).selectOption("csv");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("guardline-th.csv");
    const file = join(copy.dir, "guardline-th.csv");
    await download.saveAs(file);
    const exported = readFileSync(file, "utf8");
    expect(exported).toContain("feedback:options.yes,th,Yes,ใช่,");
    writeFileSync(
      file,
      exported.replace("feedback:options.yes,th,Yes,ใช่,", "feedback:options.yes,th,Yes,ใช่ค่ะ,"),
    );

    const before = copy.snapshot();
    await page.getByLabel(/^File/).setInputFiles(file);
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toContain("th: 1 text(s) changed");
    expect(changedFiles(before, copy.snapshot())).toEqual(["th/feedback.json", "th/review.yaml"]);
    expect(await staff.auditLog(5)).toEqual([expect.objectContaining({ actor: "amira", subject: "th" })]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "console-content-health-import");
  }, 60_000);
});
