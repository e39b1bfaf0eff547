import { describe, expect, it } from "vitest";
import { formatStartPayload, parseStartPayload, startFromGreeting } from "./start-payload.ts";

describe("start payloads", () => {
  it.each([
    ["school_visits", { campaign: "school_visits" }],
    ["rio2026-pt_BR-BR", { campaign: "rio2026", language: "pt-BR", country: "BR" }],
    ["-fil-PH", { language: "fil", country: "PH" }],
    ["ngo7-es", { campaign: "ngo7", language: "es" }],
    ["--CO", { country: "CO" }],
  ])("%s", (raw, expected) => {
    expect(parseStartPayload(raw)).toEqual(expected);
    expect(parseStartPayload(formatStartPayload(expected))).toEqual(expected);
  });

  it.each([undefined, "", "a".repeat(65), "has space", "x-EN-nl", "c-en-NLD", "a-b-c-d", "ünïcode"])(
    "starts normally on %j",
    (raw) => {
      const payload = parseStartPayload(raw);
      expect(payload.language).toBeUndefined();
      expect(payload.country).toBeUndefined();
      if (raw && !/^[A-Za-z0-9_]{1,32}$/.test(raw)) expect(payload).toEqual({});
    },
  );

  it("fits Telegram's 64 characters with the longest campaign, language and country", () => {
    const longest = formatStartPayload({ campaign: "c".repeat(32), language: "fil", country: "PH" });
    expect(longest.length).toBeLessThanOrEqual(64);
    expect(longest).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe("campaign starts on WhatsApp (a prefilled first message)", () => {
  it.each([
    ["Hello! [school_visits]", { campaign: "school_visits" }],
    ["Hola, quiero saber más [rio2026-pt_BR-BR] ", { campaign: "rio2026", language: "pt-BR", country: "BR" }],
    ["[-fil-PH]", { language: "fil", country: "PH" }],
  ])("%j starts with its payload, the greeting ignored", (text, payload) => {
    expect(startFromGreeting(text)).toEqual({ type: "start", payload });
  });

  it.each(["Hello", "my son [12 years] is scared", "[has space]", "ends [school] here", "[--]"])(
    "%j is ordinary text",
    (text) => {
      expect(startFromGreeting(text)).toBeNull();
    },
  );
});
