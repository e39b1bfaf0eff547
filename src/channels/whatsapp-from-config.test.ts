import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  captureLogs,
  miniContent,
  recordingSessions,
  testKeyer,
} from "../../test/channel-contract/support.ts";
import { noAnalytics } from "../analytics/analytics-sink.ts";
import { loadConfig } from "../config/config.ts";
import { createConversation } from "../conversation/conversation.ts";
import { createMemoryOnceStore } from "../sessions/once-store.ts";
import { createWhatsAppChannels } from "./whatsapp-from-config.ts";

async function build(env: Record<string, string>) {
  const logs = captureLogs();
  const content = miniContent();
  const conversation = createConversation({
    content,
    sessions: recordingSessions(),
    keyer: testKeyer,
    analytics: noAnalytics,
    sessionTtlSeconds: 60,
  });
  const result = await createWhatsAppChannels(loadConfig({ DATA_DIR: "/tmp/guardline-test", ...env }), {
    conversation,
    content,
    keyer: testKeyer,
    logger: logs.logger,
    once: createMemoryOnceStore(),
    showQr: () => {},
  });
  return { ...result, logs: logs.text() };
}

const cloud = {
  WHATSAPP_CLOUD_TOKEN: "token",
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: "106540352242922",
  WHATSAPP_CLOUD_APP_SECRET: "secret",
  WHATSAPP_CLOUD_VERIFY_TOKEN: "verify",
};

describe("WhatsApp channels from configuration", () => {
  it("both off by default, each saying why", async () => {
    const { channels, off, logs } = await build({});
    expect(channels).toEqual([]);
    expect(off).toEqual([
      { name: "whatsapp_web", state: "off", detail: "WHATSAPP_WEB is not on" },
      { name: "whatsapp_cloud", state: "off", detail: "WHATSAPP_CLOUD_TOKEN not set" },
    ]);
    expect(logs).toContain("whatsapp-web: off, WHATSAPP_WEB is not on");
    expect(logs).toContain("whatsapp-cloud: off, WHATSAPP_CLOUD_TOKEN not set");
  });

  it("a half-configured Cloud API is off with a warning naming what is missing", async () => {
    const { off, logs } = await build({ WHATSAPP_CLOUD_TOKEN: "token" });
    expect(off[1]!.detail).toBe(
      "WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN not set",
    );
    expect(logs).toContain('"level":40');
  });

  it("WhatsApp Web stays off without Chromium; the Cloud API mounts its webhook", async () => {
    const { channels, routes, off, logs } = await build({
      WHATSAPP_WEB: "on",
      CHROMIUM_PATH: "/nonexistent/chromium",
      ...cloud,
    });
    expect(off).toEqual([
      { name: "whatsapp_web", state: "off", detail: "Chromium not found at CHROMIUM_PATH" },
    ]);
    expect(channels.map((c) => c.name)).toEqual(["whatsapp_cloud"]);
    expect(routes).toHaveLength(1);
    expect(logs).toContain("whatsapp-cloud: on");
    expect(logs).not.toContain("secret");
  });

  it("WhatsApp Web on, with the status API only when ADMIN_TOKEN is set", async () => {
    const chromium = process.execPath; // any existing file stands in for Chromium: nothing is launched here
    expect((await build({ WHATSAPP_WEB: "on", CHROMIUM_PATH: chromium })).routes).toEqual([]);
    const { channels, routes, logs } = await build({
      WHATSAPP_WEB: "on",
      CHROMIUM_PATH: chromium,
      ADMIN_TOKEN: "admin-token-0123456789",
    });
    expect(channels.map((c) => c.name)).toEqual(["whatsapp_web"]);
    expect(routes).toHaveLength(1);
    expect(logs).toContain("GET /api/whatsapp/status");
  });

  it("does not load whatsapp-web.js (and puppeteer) while WhatsApp Web is off", () => {
    // A fresh process: this one may have loaded it for the tests above.
    const script = `
      const { createWhatsAppChannels } = await import("./src/channels/whatsapp-from-config.ts");
      const { loadConfig } = await import("./src/config/config.ts");
      const { createRequire } = await import("node:module");
      const silent = { info() {}, warn() {}, child() { return silent; } };
      await createWhatsAppChannels(loadConfig({ DATA_DIR: "/tmp/guardline-test" }), { logger: silent });
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stdout.write(JSON.stringify(loaded.filter((p) => /whatsapp-web[.]js|puppeteer/.test(p)).length));
    `;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(out).toBe("0");
  });
});
