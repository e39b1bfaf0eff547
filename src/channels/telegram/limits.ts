import type { ChannelLimits } from "../../content/checks/channel-limits.ts";

/**
 * Telegram Bot API: a message holds 4096 characters and a button's callback_data 1-64 bytes
 * (https://core.telegram.org/bots/api#inlinekeyboardbutton). Button texts have no set limit.
 */
export const telegramLimits = {
  title: "Telegram",
  messageChars: 4096,
  choiceDataBytes: 64,
} as const satisfies ChannelLimits;
