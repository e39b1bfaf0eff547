/**
 * Every channel's declared limits, for the content checker and the translators' context. Only the
 * channels' limits.ts files are imported here (data, no runtime), so the checker can read them
 * without loading grammY, whatsapp-web.js or an HTTP client. The staff terminal shows anything.
 */
import type { ChannelLimits } from "./channel-limits.ts";
import { telegramLimits } from "./telegram/limits.ts";
import { whatsappCloudLimits } from "./whatsapp-cloud/limits.ts";
import { whatsappWebLimits } from "./whatsapp-web/limits.ts";

export type { ChannelLimits } from "./channel-limits.ts";

export const channelLimits: readonly ChannelLimits[] = [
  telegramLimits,
  whatsappCloudLimits,
  whatsappWebLimits,
];

/** The smallest limit any channel declares, with the channel that declares it (the first, on a tie). */
export function strictestLimit(
  pick: (channel: ChannelLimits) => number | undefined,
  channels: readonly ChannelLimits[] = channelLimits,
): { limit: number; channel: ChannelLimits } | undefined {
  let best: { limit: number; channel: ChannelLimits } | undefined;
  for (const channel of channels) {
    const limit = pick(channel);
    if (limit !== undefined && (!best || limit < best.limit)) best = { limit, channel };
  }
  return best;
}
