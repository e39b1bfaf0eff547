import { describe, expect, it } from "vitest";
import { textInput, toInbound } from "./to-inbound.ts";
import {
  callbackUpdate,
  editedUpdate,
  groupUpdate,
  photoUpdate,
  privateChatId,
  textUpdate,
  unknownUpdate,
} from "../../../test/support/telegram/updates.ts";

describe("toInbound", () => {
  it.each([
    ["/start", { type: "start", payload: {} }],
    [
      "/start rio2026-pt_BR-BR",
      { type: "start", payload: { campaign: "rio2026", language: "pt-BR", country: "BR" } },
    ],
    ["/start not a valid payload!", { type: "text", text: "/start not a valid payload!" }],
    ["/start %%%", { type: "start", payload: {} }],
    ["/menu", { type: "command", command: "menu" }],
    ["/help@guardline_test_bot", { type: "command", command: "help" }],
    ["/LANGUAGE", { type: "command", command: "language" }],
    ["/erase", { type: "command", command: "erase" }],
    ["/stop", { type: "command", command: "stop" }],
    ["/back", { type: "command", command: "back" }],
    ["/weather", { type: "text", text: "/weather" }],
    ["2", { type: "text", text: "2" }],
    ["my child is scared", { type: "text", text: "my child is scared" }],
  ])("turns %j into %j", (text, input) => {
    expect(textInput(text)).toEqual(input);
  });

  it("carries chat, message id and language hint of a private message", () => {
    const update = textUpdate(1, "hello", { languageCode: "nl" });
    expect(toInbound(update)).toEqual({
      type: "turn",
      chatId: privateChatId,
      messageId: update.message!.message_id,
      input: { type: "text", text: "hello" },
      languageHint: "nl",
    });
  });

  it("turns a button into a choice with its question, to be answered", () => {
    const update = callbackUpdate(2, "o:pick_country:nl");
    expect(toInbound(update)).toEqual({
      type: "turn",
      chatId: privateChatId,
      input: { type: "choice", node: "pick_country", option: "nl" },
      callbackQueryId: update.callback_query!.id,
      languageHint: "en",
    });
  });

  it("treats a button with data it did not make as stale, so the engine re-shows where the person is", () => {
    expect(toInbound(callbackUpdate(3, "something-else"))).toMatchObject({
      type: "turn",
      chatId: privateChatId,
      input: { type: "choice", node: "", option: "" },
      callbackQueryId: expect.any(String),
    });
  });

  it.each([
    ["a message without chat", { update_id: 1, message: { message_id: 1, date: 1 } }],
    [
      "a message whose chat id is text",
      { update_id: 2, message: { message_id: 1, date: 1, chat: { id: "x", type: "private" } } },
    ],
    [
      "a message whose text is not a string",
      { update_id: 3, message: { message_id: 1, date: 1, chat: { id: 5, type: "private" }, text: 42 } },
    ],
    [
      "a button without sender",
      {
        update_id: 4,
        callback_query: { id: "q", data: "o:a:b", message: { chat: { id: 5, type: "private" } } },
      },
    ],
    ["no update_id", { message: { message_id: 1, date: 1, chat: { id: 5, type: "private" }, text: "hi" } }],
    ["null", null],
  ])("skips %s as malformed instead of throwing", (_label, update) => {
    expect(toInbound(update as never)).toEqual({ type: "skip", reason: "malformed" });
  });

  it("names what it cannot read", () => {
    expect(toInbound(photoUpdate(4))).toMatchObject({
      type: "turn",
      input: { type: "unsupported", kind: "photo" },
    });
    const captioned = photoUpdate(5);
    captioned.message!.caption = "my son is in danger";
    expect(toInbound(captioned)).toMatchObject({
      input: { type: "unsupported", kind: "photo", caption: "my son is in danger" },
    });
  });

  it.each([
    ["group", groupUpdate(5, "/start"), "not_private"],
    ["edited", editedUpdate(6, "/start"), "edited_message"],
    ["reaction", unknownUpdate(7), "update_type"],
  ])("skips a %s update", (_label, update, reason) => {
    expect(toInbound(update)).toEqual({ type: "skip", reason });
  });
});
