import type { ChannelLimits } from "../../content/checks/channel-limits.ts";

/**
 * WhatsApp Web shows options as numbered text (buttons and lists no longer render there).
 * WhatsApp accepts longer texts, but a phone screen does not: split like the Cloud API must.
 */
export const whatsappWebLimits = {
  title: "WhatsApp",
  messageChars: 4096,
  numberedOptions: true,
} as const satisfies ChannelLimits;
