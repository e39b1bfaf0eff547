import { describe, expect, it } from "vitest";
import { fixture, phoneNumberId } from "../../../test/channel-contract/cloud-fixtures.ts";
import { toInbound } from "./to-inbound.ts";
import { messagesOf } from "./webhook-payload.ts";

const only = (payload: unknown) => {
  const { messages } = messagesOf(payload, phoneNumberId);
  expect(messages).toHaveLength(1);
  return toInbound(messages[0]!);
};

describe("Cloud API webhook -> input (Meta's documented payloads)", () => {
  it("text, button reply, list reply", () => {
    expect(only(fixture("text"))).toEqual({ type: "text", text: "Does it come in another color?" });
    expect(only(fixture("button-reply"))).toEqual({ type: "choice", node: "pick_country", option: "nl" });
    expect(only(fixture("list-reply"))).toEqual({ type: "choice", node: "pick_country", option: "be" });
  });

  it("a campaign link's prefilled message ending in [payload] is a start with that payload", () => {
    expect(only(fixture("text", { text: "Hello! [school_visits-nl-NL]" }))).toEqual({
      type: "start",
      payload: { campaign: "school_visits", language: "nl", country: "NL" },
    });
  });

  it("a reply id Guardline did not make is read as its title", () => {
    expect(only(fixture("button-reply", { replyId: "TEMPLATE_QUICK_1", replyTitle: "Help" }))).toEqual({
      type: "text",
      text: "Help",
    });
  });

  it("media, voice, stickers, locations and unknown types are unsupported input", () => {
    expect(only(fixture("image"))).toEqual({ type: "unsupported", kind: "image", caption: "Look at this" });
    expect(only(fixture("voice"))).toEqual({ type: "unsupported", kind: "voice" });
    expect(only(fixture("sticker"))).toEqual({ type: "unsupported", kind: "sticker" });
    expect(only(fixture("location"))).toEqual({ type: "unsupported", kind: "location" });
    expect(only(fixture("unsupported"))).toEqual({ type: "unsupported", kind: "other" });
  });

  it("reactions and group messages need no answer; statuses are no messages", () => {
    expect(only(fixture("reaction"))).toBeNull();
    expect(only(fixture("group-text"))).toBeNull();
    expect(messagesOf(fixture("status-delivered"), phoneNumberId)).toEqual({ messages: [], skipped: 0 });
  });

  it("malformed parts are skipped and counted, the rest still read", () => {
    const payload = fixture("text") as unknown as {
      entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }>;
    };
    payload.entry[0]!.changes[0]!.value.messages.push({ type: "text" });
    expect(messagesOf(payload, phoneNumberId).skipped).toBe(1);
    expect(messagesOf(payload, phoneNumberId).messages).toHaveLength(1);
    expect(messagesOf({ hello: "world" }, phoneNumberId)).toEqual({ messages: [], skipped: 1 });
  });
});
