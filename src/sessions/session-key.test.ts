import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSessionKeyer } from "./session-key.ts";

describe("session keys", () => {
  it("are the HMAC-SHA256 of channel and chat under the secret, as stored by earlier versions", () => {
    const secret = "a-secret-with-ünïcode-long-enough";
    const keyer = createSessionKeyer(secret);
    const expected = `s:${createHmac("sha256", secret).update("telegram\u0000987654321").digest("base64url")}`;
    expect(keyer("telegram", "987654321")).toBe(expected);
    expect(keyer("telegram", "987654321")).toBe(expected);
    expect(keyer("whatsapp_cloud", "987654321")).not.toBe(expected);
    expect(createSessionKeyer(`${secret}!`)("telegram", "987654321")).not.toBe(expected);
    expect(keyer("telegram", "987654321")).not.toContain("987654321");
  });

  it("refuse a secret shorter than 16 characters", () => {
    expect(() => createSessionKeyer("short")).toThrow(/at least 16/);
  });
});
