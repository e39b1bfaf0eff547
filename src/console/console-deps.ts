/** What the console needs from the composition root; every part has a test double. */
import type { Context, Hono } from "hono";
import type { Logger } from "pino";
import type { CounterStore } from "../analytics/counter-store.ts";
import type { ReportContent } from "../analytics/report-figures.ts";
import type { ChannelStatus } from "../channels/channel.ts";
import type { PairingStatus } from "../channels/whatsapp-web/whatsapp-web-channel.ts";
import type { ScryptCost } from "../staff/password.ts";
import type { StaffStore } from "../staff/staff-store.ts";
import type { ConsoleEnv, StaffRole } from "./console-env.ts";
import type { ConsoleTranslator } from "./i18n/console-translator.ts";

/** A page module mounted under /console<path> for staff of at least `role`. */
export interface ConsolePage {
  /** Below /console, e.g. "/flows". */
  path: string;
  app: Hono<ConsoleEnv>;
  role: StaffRole;
}

/** Parent-facing texts for links and posters, in the bot's languages (from the served content). */
export interface CampaignTexts {
  languages(): Array<{ code: string; name: string }>;
  /** The first message a WhatsApp campaign link prefills, without the code. */
  greeting(language: string): string;
  /** The bot's name as parents know it, for the poster. */
  title(language: string): string;
  /** A sentence or two for the poster; `link` is the campaign's link. */
  poster(language: string, link: string): string;
}

export interface ConsoleDeps {
  staff: StaffStore;
  translator: ConsoleTranslator;
  /** Signs the session cookie (SESSION_SECRET or the generated one). */
  sessionSecret: string;
  /** ADMIN_TOKEN: signs in while no account exists. */
  adminToken?: string;
  /** PUBLIC_URL: with https, the cookie is Secure and forms from that origin pass the CSRF check. */
  publicUrl?: string;
  logger: Logger;
  /** Reports as the admin API computes them; the store answers AnalyticsUnavailableError until open. */
  analytics: { store: CounterStore; minCount: number; content: ReportContent };
  campaigns: {
    /** Campaigns listed in flows/settings.yaml (read-only here). */
    listed(): readonly string[];
    /** Called after a campaign was created, so it is counted by name at once. */
    created?(name: string): void;
  };
  links: {
    /** Telegram bot username once known (getMe), else undefined. */
    telegramBot(): string | undefined;
    /** WHATSAPP_NUMBER: digits of the bot's WhatsApp number, international format. */
    whatsappNumber?: string | undefined;
  };
  texts: CampaignTexts;
  /** Channel states as /readyz knows them (with the admin details). */
  channels(): ChannelStatus[];
  /** "webhook <url>" or "long polling": how Telegram reaches this service. */
  telegramDelivery?: string;
  /** WhatsApp Web's pairing state and QR code, when that channel is on. */
  pairing?: () => PairingStatus;
  /** Pages built elsewhere (flow map, simulator, content health). */
  pages?: ConsolePage[];
  now?: () => Date;
  /** The client a sign-in comes from, for throttling (default: the socket's address). */
  clientKey?: (c: Context) => string;
  /** scrypt cost for passwords set in the console (default: defaultCost; tests use a cheap one). */
  passwordCost?: ScryptCost;
  /** Sessions last this long (default 8 hours). */
  sessionSeconds?: number;
}
