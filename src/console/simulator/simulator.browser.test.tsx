/**
 * The simulator in real Chromium: reach a country's helpline contacts by clicking Telegram
 * buttons, save the golden transcript and compare it with the staff chat's, under the console's
 * Content-Security-Policy (no inline script), with no serious accessibility violations.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import { fixedContent } from "../../content/content-source.ts";
import {
  browserUnavailable,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
} from "../../../test/support/browser.ts";
import { loadOk, shippedDir } from "../../../test/support/content.ts";
import { serveApp, type Served } from "../../../test/support/serve-app.ts";
import { transcript } from "../../../test/support/transcript.ts";
import { testShell } from "../../../test/support/console/testing-shell.tsx";
import { simulatorPage } from "./simulator-page.tsx";

const unavailable = browserUnavailable();
const content = loadOk(shippedDir);

describe.skipIf(unavailable)("simulator in Chromium", () => {
  let browser: Browser;
  let served: Served;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const app = testShell(
      {
        "/console/simulator": simulatorPage({
          content: fixedContent(content),
          analytics: noAnalytics,
          textParams: { link: "https://t.me/your_bot" },
        }),
      },
      { role: "viewer" },
    );
    served = await serveApp(app);
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    // Script errors and failed requests (the browser's own favicon request aside).
    page.on(
      "response",
      (r) => void (r.status() >= 400 && !r.url().endsWith("/favicon.ico") && errors.push(r.url())),
    );
    page.on("pageerror", (e) => void errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const lastBot = () => page.locator(".gl-msg-bot").last();

  it("reaches the helpline contacts for the Philippines with Telegram buttons, then saves the transcript", async () => {
    await page.goto(`${served.url}/console/simulator`);
    await page.selectOption("#sim-rendering", "telegram");
    await page.selectOption("#sim-lang", "en");
    await page.selectOption("#sim-country", "PH");
    await page.click("#sim-settings button[type=submit]");
    await page.locator(".gl-msg-bot button", { hasText: "Get help now" }).waitFor();
    expect(await page.locator("#sim-vars").innerText()).toContain("PH");
    await page.locator(".gl-msg-bot button", { hasText: "Get help now" }).last().click();
    await page.locator(".gl-msg-bot", { hasText: "Bantay Bata 163" }).waitFor();
    expect(await page.locator("#sim-log").innerText()).toContain("📞 Call 163");
    expect(await page.locator("#sim-events").innerText()).toContain("referral_shown");
    await screenshot(page, "console-simulator-telegram");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#sim-save")]);
    const saved = readFileSync((await download.path())!, "utf8");
    const menu = content.bundle.flows.get(content.bundle.settings.menu)!.nodes[0]!;
    const number =
      menu.type === "question" ? menu.options.findIndex((o) => o.flow === "get_help") + 1 : Number.NaN;
    const expected = await transcript(["start", String(number)], {
      lang: "en",
      country: "PH",
      dir: shippedDir,
    });
    expect(saved).toBe(expected);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("shows WhatsApp lists and typed numbers in plain text", async () => {
    await page.selectOption("#sim-rendering", "whatsapp");
    await page.click("#sim-settings button[type=submit]");
    await lastBot().waitFor();
    const kinds = await page
      .locator(".gl-msg-bot")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds).toContain("whatsapp_list");
    await page.locator("details summary").last().click();
    await screenshot(page, "console-simulator-whatsapp");
    await page.selectOption("#sim-rendering", "plain");
    await page.fill("#sim-line", "help");
    await page.press("#sim-line", "Enter");
    await page.locator(".gl-msg-bot", { hasText: "Emergency" }).last().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
