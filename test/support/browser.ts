/**
 * Real Chromium for page tests: Debian's build (CHROMIUM_PATH, else /usr/bin/chromium) driven by
 * playwright-core, which never downloads a browser of its own. Suites call `browserUnavailable()`
 * to skip with a reason on a machine without Chromium (`.ci/run` installs it).
 */
import { existsSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  return existsSync(executablePath) ? null : `no Chromium at ${executablePath} (set CHROMIUM_PATH)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where page screenshots go, for a reviewer to look at after a run (ignored by git). */
export const screenshotDir = join(process.cwd(), "test-output", "screenshots");

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. The script is
 * evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as served.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readAxeSource();
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeRawViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

interface AxeRawViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: unknown[];
}

let axeSource: string | undefined;
function readAxeSource(): string {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = (require("axe-core") as { source: string }).source;
  }
  return axeSource;
}
