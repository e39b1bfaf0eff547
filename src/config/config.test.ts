import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ConfigError, configSchema, loadConfig, publicEndpoint } from "./config.ts";

describe("loadConfig", () => {
  it("starts with no variables at all, with the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      SESSION_TTL: 86_400,
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      LOG_LEVEL: "info",
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it.each([
    ["PORT", "eighty"],
    ["TELEGRAM_BOT_TOKEN", "not-a-token"],
    ["REDIS_URL", "http://localhost:6379"],
    ["PUBLIC_URL", "not a url"],
    ["PUBLIC_URL", "http://guardline.example.org"],
    ["SESSION_SECRET", "too-short"],
    ["SESSION_TTL", "-5"],
    ["TELEGRAM_WEBHOOK_SECRET", "has spaces in it"],
  ])("names %s in the error when its value is bad", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it("never echoes a secret value back", () => {
    try {
      loadConfig({ SESSION_SECRET: "hunter2-secret" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });
});

describe("PUBLIC_URL", () => {
  it("refuses http with a sentence that says why", () => {
    expect(() => loadConfig({ PUBLIC_URL: "http://guardline.example.org" })).toThrow(
      /PUBLIC_URL must be an https:\/\/ address/,
    );
    expect(loadConfig({ PUBLIC_URL: "https://guardline.example.org" }).PUBLIC_URL).toBe(
      "https://guardline.example.org",
    );
  });

  it.each([
    ["https://guardline.example.org", "https://guardline.example.org/webhooks/telegram"],
    ["https://guardline.example.org/", "https://guardline.example.org/webhooks/telegram"],
    ["https://example.org/guardline", "https://example.org/guardline/webhooks/telegram"],
    ["https://example.org/guardline/", "https://example.org/guardline/webhooks/telegram"],
  ])("builds webhook addresses under %s keeping its path", (publicUrl, expected) => {
    expect(publicEndpoint(publicUrl, "/webhooks/telegram")).toBe(expected);
    expect(publicEndpoint(publicUrl, "webhooks/telegram")).toBe(expected);
  });
});

describe(".env.example", () => {
  it("documents every configuration variable", () => {
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const missing = Object.keys(configSchema.shape).filter(
      (name) => !new RegExp(`^#? ?${name}=`, "m").test(example),
    );
    expect(missing).toEqual([]);
  });
});

describe("numbers", () => {
  it("says what a whole number looks like instead of 'expected number, received NaN'", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(
      /PORT must be a whole number like 3000 \(0 to 65535\) \(got "abc"\)/,
    );
    expect(() => loadConfig({ SESSION_TTL: "1.5" })).toThrow(/SESSION_TTL must be a whole number like 86400/);
  });
});
