import type { ChannelLimits } from "../../content/checks/channel-limits.ts";

/**
 * Meta's interactive message reference: at most 3 reply buttons with 20-character titles and
 * 256-character ids; a list of at most 10 rows with 24-character titles and 200-character ids,
 * opened by a 20-character button; a body of 1024 characters. Text messages hold 4096.
 */
export const whatsappCloudLimits = {
  title: "WhatsApp",
  messageChars: 4096,
  numberedOptions: true,
  // The stricter of the two ids (a list row's), since a question may become either.
  choiceDataBytes: 200,
  buttons: { max: 3, labelChars: 20 },
  list: { rows: 10, rowLabelChars: 24, buttonChars: 20 },
  interactiveBodyChars: 1024,
} as const satisfies ChannelLimits;
