/** Real-shaped Telegram update JSON for tests (as the Bot API delivers it). */
import type { Update } from "grammy/types";

export const privateChatId = 987654321;
export const userName = "parent_test_user";

const from = {
  id: privateChatId,
  is_bot: false,
  first_name: "Amara",
  last_name: "Testperson",
  username: userName,
  language_code: "en",
};
const chat = {
  id: privateChatId,
  first_name: "Amara",
  last_name: "Testperson",
  username: userName,
  type: "private" as const,
};
let messageId = 1;

export function textUpdate(
  updateId: number,
  text: string,
  overrides: { languageCode?: string; chatId?: number } = {},
): Update {
  const entities = text.startsWith("/")
    ? [{ offset: 0, length: text.split(" ")[0]!.length, type: "bot_command" as const }]
    : undefined;
  const id = overrides.chatId ?? privateChatId;
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: { ...from, id, language_code: overrides.languageCode ?? "en" },
      chat: { ...chat, id },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(entities ? { entities } : {}),
    },
  } as Update;
}

export function callbackUpdate(
  updateId: number,
  data: string,
  chatId = privateChatId,
  languageCode = "en",
): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `4382bfdwdsb323b2d9${updateId}`,
      from: { ...from, id: chatId, language_code: languageCode },
      message: {
        message_id: messageId++,
        from: { id: 123456, is_bot: true, first_name: "Guardline", username: "guardline_test_bot" },
        chat: { ...chat, id: chatId },
        date: Math.floor(Date.now() / 1000),
        text: "Where do you live?",
      },
      chat_instance: "-7419431496487357124",
      data,
    },
  } as Update;
}

export function groupUpdate(updateId: number, text: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from,
      chat: { id: -1001234567890, title: "Parents group", type: "supergroup" },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  } as Update;
}

export function editedUpdate(updateId: number, text: string): Update {
  return {
    update_id: updateId,
    edited_message: {
      message_id: messageId++,
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      edit_date: Math.floor(Date.now() / 1000),
      text,
    },
  } as Update;
}

export function photoUpdate(updateId: number): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      photo: [
        { file_id: "AgACAgQAAxkBAAIB", file_unique_id: "AQADx7YxG", width: 90, height: 67, file_size: 1234 },
      ],
    },
  } as Update;
}

/** An update type the bot did not ask for (allowed_updates) but a misconfigured webhook may still send. */
export function unknownUpdate(updateId: number): Update {
  return {
    update_id: updateId,
    message_reaction: {
      chat,
      message_id: 5,
      date: Math.floor(Date.now() / 1000),
      old_reaction: [],
      new_reaction: [{ type: "emoji", emoji: "👍" }],
      user: from,
    },
  } as unknown as Update;
}
