/**
 * Every channel's declared limits and the data its buttons carry, for the content checker and the
 * translators' context. Only the channels' limits.ts files are imported here (data, no runtime).
 * The content loader does not import this module (channels read the content it serves): whoever
 * loads content hands it over, `loadContent(paths, { channels: channelDeclarations })`.
 * The staff terminal shows anything and declares nothing.
 */
import type { ChannelDeclarations, ChannelLimits } from "../content/checks/channel-limits.ts";
import { choiceData } from "./choice-data.ts";
import { telegramLimits } from "./telegram/limits.ts";
import { whatsappCloudLimits } from "./whatsapp-cloud/limits.ts";
import { whatsappWebLimits } from "./whatsapp-web/limits.ts";

export const channelLimits: readonly ChannelLimits[] = [
  telegramLimits,
  whatsappCloudLimits,
  whatsappWebLimits,
];

export const channelDeclarations: ChannelDeclarations = { limits: channelLimits, choiceData };
