/**
 * The console in real Chromium against the real service (`startGuardline` on the shipped content,
 * Telegram through a fake Bot API on loopback): sign in with ADMIN_TOKEN, create the first admin
 * and a viewer, walk every page, create a campaign, download its QR code and decode it back to
 * the Telegram link, print a poster to PDF, and check each page with axe-core and for CSP
 * violations. Screenshots go to test-output/screenshots for a reviewer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeBotInfo, startFakeBotApi, type FakeBotApi } from "../../test/support/telegram/fake-bot-api.ts";
import { privateChatId, textUpdate, userName } from "../../test/support/telegram/updates.ts";
import { loadConfig } from "../config/config.ts";
import { startGuardline, type Guardline } from "../main.ts";
import {
  browserUnavailable,
  launchBrowser,
  screenshot,
  screenshotDir,
  seriousAxeViolations,
} from "../../test/support/browser.ts";
import { decodeQrPng } from "../../test/support/decode-qr.ts";
import { captureLogger } from "../../test/support/test-logger.ts";

const unavailable = browserUnavailable();

/** Page sizes of a PDF in whole points, from its MediaBoxes. */
function pages(pdf: Buffer): number[][] {
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  return [...pdf.toString("latin1").matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
    Math.round(Number(m[1])),
    Math.round(Number(m[2])),
  ]);
}
const adminToken = "console-browser-token-0123456789";
const repoRoot = new URL("../..", import.meta.url).pathname;

describe.skipIf(unavailable)("console in Chromium", () => {
  let api: FakeBotApi;
  let guardline: Guardline;
  let browser: Browser;
  let base: string;
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-console-browser-"));
  const log = captureLogger();
  const cspViolations: string[] = [];

  beforeAll(async () => {
    api = await startFakeBotApi();
    const config = loadConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      CONTENT_DIR: repoRoot,
      ADMIN_TOKEN: adminToken,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      WHATSAPP_NUMBER: "+31 6 1234 5678",
      ANALYTICS_FLUSH_SECONDS: "1",
    });
    guardline = await startGuardline(config, {
      logger: log.logger,
      telegram: { pollingTimeoutSeconds: 1 },
    });
    await guardline.channelsStarted;
    await guardline.analyticsReady;
    base = `http://127.0.0.1:${guardline.port}`;
    // A parent starts from the demo campaign's link: pages and logs must show nothing of them.
    api.push(textUpdate(1, "/start demo-en-NL"));
    await api.waitFor((calls) => calls.some((c) => c.method === "sendMessage"), 15_000);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await guardline?.stop();
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) cspViolations.push(m.text());
    });
    return page;
  }

  /** Opens a page, checks it with axe-core and for anything of the parent, saves a screenshot. */
  async function visit(page: Page, path: string, name: string): Promise<string> {
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), path).toBe(200);
    await check(page, name);
    return page.content();
  }

  async function check(page: Page, name: string): Promise<void> {
    expect(await seriousAxeViolations(page), name).toEqual([]);
    const html = await page.content();
    expect(html, name).not.toContain(String(privateChatId));
    expect(html, name).not.toContain(userName);
    expect(html, name).not.toContain("Amara");
    await screenshot(page, `console-${name}`);
  }

  async function signIn(page: Page, name: string, password: string): Promise<void> {
    await page.goto(`${base}/console`);
    expect(page.url()).toBe(`${base}/console/sign-in`);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/console`);
  }

  it("axe-core runs under the console's strict CSP (the check can fail)", async () => {
    const context = await browser.newContext();
    const page = await newPage(context);
    await page.goto(`${base}/console/sign-in`);
    expect(await page.title()).toMatch(/Sign in/);
    // An image without a text alternative is a critical violation: the check must see it.
    await page
      .locator("main")
      .evaluate((main: unknown) =>
        (main as { insertAdjacentHTML(where: string, html: string): void }).insertAdjacentHTML(
          "beforeend",
          '<img src="/console/assets/none.png">',
        ),
      );
    expect((await seriousAxeViolations(page)).map((v) => v.id)).toContain("image-alt");
    await context.close();
  });

  it("first sign-in with ADMIN_TOKEN, then accounts, campaigns, QR code, poster PDF and every page", async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1200, height: 900 },
    });
    const page = await newPage(context);
    await page.goto(`${base}/console/sign-in`);
    await check(page, "sign-in");
    await signIn(page, "ADMIN_TOKEN", adminToken);

    await visit(page, "/console/accounts", "accounts-first");
    await page.getByLabel("Name").fill("amira");
    await page.getByLabel("Role").selectOption("admin");
    await page.getByLabel("Password (leave empty to generate one)").fill("amira's long password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.content()).toContain("Created amira (admin).");

    await signIn(page, "amira", "amira's long password");
    await visit(page, "/console/accounts", "accounts");
    await page.getByLabel("Name").fill("bo");
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create account" }).click();
    const created = await page.locator(".secret").textContent();
    expect(created).toMatch(/^\S{16,}$/);

    const overview = await visit(page, "/console", "overview");
    expect(overview).toContain("Conversations started");

    await visit(page, "/console/campaigns", "campaigns");
    await page.getByLabel("Campaign name").fill("school_visits");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`${base}/console/campaigns/school_visits`);
    await check(page, "campaign");
    const shownLink = await page.locator("#h-telegram + p code").textContent();
    expect(shownLink).toBe(`https://t.me/${fakeBotInfo.username}?start=school_visits`);
    expect(await page.locator("#h-whatsapp + p code").textContent()).toBe(
      "https://wa.me/31612345678?text=Hello%20%5Bschool_visits%5D",
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download QR code (PNG)" }).first().click(),
    ]);
    const file = join(screenshotDir, "..", "school_visits-telegram.png");
    await download.saveAs(file);
    expect(decodeQrPng(await readFile(file))).toBe(shownLink);

    await page.getByRole("link", { name: "A5" }).first().click();
    await page.waitForURL(/\/poster\?/);
    await check(page, "poster-a5");
    // One A5 page: 148 x 210 mm is 419.5 x 595.3 points.
    expect(
      pages(await page.pdf({ path: join(screenshotDir, "..", "poster-a5.pdf"), preferCSSPageSize: true })),
    ).toEqual([[420, 595]]);

    await visit(page, "/console/campaigns/school_visits/poster?to=telegram&lang=th&size=a4", "poster-a4-th");
    // One A4 page: 595.3 x 841.9 points.
    expect(
      pages(await page.pdf({ path: join(screenshotDir, "..", "poster-a4-th.pdf"), preferCSSPageSize: true })),
    ).toEqual([[595, 842]]);
    await visit(page, "/console/channels", "channels");
    await visit(page, "/console/audit", "audit");
    const audit = await page.content();
    expect(audit).toContain("created a campaign");
    expect(audit).toContain("signed in with ADMIN_TOKEN");
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 240_000);

  it("a viewer sees the dashboard, on a phone too, and gets 403 on accounts and pairing", async () => {
    const admin = await browser.newContext();
    const adminPage = await newPage(admin);
    await signIn(adminPage, "amira", "amira's long password");
    await adminPage.goto(`${base}/console/accounts`);
    await adminPage.getByLabel("Name").fill("cleo");
    await adminPage.getByLabel("Password (leave empty to generate one)").fill("cleo's long password");
    await adminPage.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => adminPage.content()).toContain("Created cleo (viewer).");
    await admin.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await newPage(context);
    await signIn(page, "cleo", "cleo's long password");
    await check(page, "overview-phone-viewer");
    expect(await page.locator("nav a").allTextContents()).not.toContain("Accounts");
    for (const path of ["/console/accounts", "/console/channels/pairing", "/console/audit"]) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(403);
    }
    await check(page, "forbidden-viewer");
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 180_000);

  it("the log holds nothing of the parent or of staff passwords", () => {
    const text = log.text();
    expect(text).not.toContain(String(privateChatId));
    expect(text).not.toContain(userName);
    expect(text).not.toContain("Amara");
    expect(text).not.toContain("long password");
    expect(text).not.toContain(adminToken);
  });
});
