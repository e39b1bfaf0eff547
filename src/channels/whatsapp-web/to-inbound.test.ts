import { describe, expect, it } from "vitest";
import { webMessage } from "../../../test/channel-contract/fake-web-client.ts";
import { isPrivateChat, toInbound } from "./to-inbound.ts";

describe("whatsapp-web message -> input", () => {
  it("serves private chats only: phone ids and linked ids", () => {
    expect(isPrivateChat("31612345678@c.us")).toBe(true);
    expect(isPrivateChat("123456789012345@lid")).toBe(true);
    for (const other of [
      "120363039370285291@g.us",
      "status@broadcast",
      "120363144038483540@newsletter",
      "1234@broadcast",
    ])
      expect(isPrivateChat(other)).toBe(false);
  });

  it("ignores groups, status updates, channels, broadcasts and the bot's own messages", () => {
    const ignored = [
      webMessage({ from: "120363039370285291@g.us", author: "31612345678@c.us", body: "hi" }),
      webMessage({ from: "status@broadcast", author: "31612345678@c.us", body: "hi", isStatus: true }),
      webMessage({ from: "120363144038483540@newsletter", body: "hi" }),
      webMessage({ from: "31612345678@c.us", body: "hi", broadcast: true }),
      webMessage({ from: "31612345678@c.us", to: "31612345678@c.us", body: "hi", fromMe: true }),
    ];
    for (const message of ignored) expect(toInbound(message)).toBeNull();
  });

  it("a campaign link's prefilled message ending in [payload] is a start with that payload", () => {
    expect(toInbound(webMessage({ from: "1@lid", body: "Hello! [school_visits--NL]" }))).toEqual({
      type: "start",
      payload: { campaign: "school_visits", country: "NL" },
    });
  });

  it("text as text; WhatsApp's own bookkeeping needs no answer", () => {
    expect(toInbound(webMessage({ from: "1@lid", body: "help" }))).toEqual({ type: "text", text: "help" });
    expect(toInbound(webMessage({ from: "1@lid", body: "   " }))).toBeNull();
    for (const type of [
      "revoked",
      "e2e_notification",
      "notification_template",
      "reaction",
      "call_log",
      "protocol",
    ] as const) {
      expect(toInbound(webMessage({ from: "1@lid", type }))).toBeNull();
    }
  });

  it("media, voice notes, stickers and locations are unsupported input", () => {
    expect(
      toInbound(webMessage({ from: "1@c.us", type: "image", hasMedia: true, body: "a caption" })),
    ).toEqual({ type: "unsupported", kind: "image", caption: "a caption" });
    expect(toInbound(webMessage({ from: "1@c.us", type: "ptt" }))).toEqual({
      type: "unsupported",
      kind: "voice",
    });
    expect(toInbound(webMessage({ from: "1@c.us", type: "sticker" }))).toEqual({
      type: "unsupported",
      kind: "sticker",
    });
    expect(toInbound(webMessage({ from: "1@c.us", type: "location" }))).toEqual({
      type: "unsupported",
      kind: "location",
    });
  });

  it("an answered legacy button or list row becomes a choice via its callback data", () => {
    expect(
      toInbound(
        webMessage({
          from: "1@c.us",
          type: "buttons_response",
          body: "Yes",
          selectedButtonId: "o:helpful:yes",
        }),
      ),
    ).toEqual({ type: "choice", node: "helpful", option: "yes" });
    expect(
      toInbound(
        webMessage({
          from: "1@c.us",
          type: "list_response",
          body: "Belgium",
          selectedRowId: "o:pick_country:be",
        }),
      ),
    ).toEqual({ type: "choice", node: "pick_country", option: "be" });
    expect(
      toInbound(
        webMessage({ from: "1@c.us", type: "buttons_response", body: "Yes", selectedButtonId: "foreign" }),
      ),
    ).toEqual({ type: "text", text: "Yes" });
  });
});
