/**
 * Configuration: environment variables (and an optional .env file) -> typed, validated Config.
 * The only module that reads process.env. A bad value stops start-up with a sentence naming the
 * variable; every variable is documented in .env.example.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

const flag = z
  .enum(["on", "off", "true", "false", "1", "0", "yes", "no"])
  .transform((v) => ["on", "true", "1", "yes"].includes(v));
/** A whole number, said the way an operator reads it: "must be a whole number like 3000". */
const whole = (example: number, min = 1, max = Number.MAX_SAFE_INTEGER) => {
  const range = max < Number.MAX_SAFE_INTEGER ? ` (${min} to ${max})` : min !== 1 ? ` (${min} or more)` : "";
  const error = `must be a whole number like ${example}${range}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const seconds = (fallback: number) => whole(fallback).default(fallback);

export const configSchema = z.object({
  PORT: whole(3000, 0, 65535).default(3000),
  /** Embedded database, generated secrets and the WhatsApp Web session live here. */
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where flows/ and locales/ are read from (hot-reloaded). */
  CONTENT_DIR: z.string().min(1).default("."),
  /** Language for conversations before the person picks one, when the channel gives no hint. */
  DEFAULT_LANGUAGE: z.string().default("en"),
  /** postgres://… for production PostgreSQL; unset = embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** redis://… to share sessions between several instances; unset = in-memory sessions. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /** Public https address of this service; enables webhooks (Telegram, WhatsApp Cloud API). */
  PUBLIC_URL: z
    .url({
      protocol: /^https$/,
      error: "must be an https:// address: Telegram and Meta only deliver webhooks over https",
    })
    .optional(),
  /** Bearer token for the admin API and console; unset = admin API off. */
  ADMIN_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    // What a bearer token may hold (RFC 6750); any other character could never be sent.
    .regex(
      /^[A-Za-z0-9._~+/-]+=*$/,
      "may hold only letters, digits and . _ ~ + / - (try: openssl rand -hex 32)",
    )
    .optional(),
  /** Secret for session keys; unset = generated once and kept in DATA_DIR. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Conversation state expires after this many seconds without a message (default 24 h). */
  SESSION_TTL: seconds(86_400),
  SESSION_MAX_MEMORY: whole(50_000).default(50_000),
  /**
   * With REDIS_URL: milliseconds after which the updates a silent (crashed) instance had accepted
   * are taken over and answered by another instance.
   */
  INBOUND_CLAIM_IDLE_MS: whole(5000, 100, 600_000).default(5000),

  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "does not look like a bot token from @BotFather (digits:letters)")
    .optional(),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  /** Secret Telegram sends with every webhook call; unset = derived from the session secret. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "may only contain A-Z, a-z, 0-9, _ and -")
    .optional(),

  WHATSAPP_WEB: flag.default(false),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  WHATSAPP_CLOUD_TOKEN: z.string().optional(),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d+$/, "must be the numeric phone number id from Meta")
    .optional(),
  WHATSAPP_CLOUD_APP_SECRET: z.string().optional(),
  WHATSAPP_CLOUD_VERIFY_TOKEN: z.string().optional(),
  /** The number people write to, for the wa.me share link; unset = asked from the Graph API at start. */
  WHATSAPP_CLOUD_DISPLAY_NUMBER: z
    .string()
    .regex(/^\+?[\d\s-]{6,20}$/, "must be a phone number such as +31 20 123 4567")
    .optional(),
  WHATSAPP_CLOUD_API_ROOT: z.url().default("https://graph.facebook.com"),
  /** The bot's WhatsApp number (international, digits; + and spaces allowed), for campaign links. */
  WHATSAPP_NUMBER: z
    .string()
    .regex(/^\+?[\d ]{7,20}$/, "must be a phone number in international format, such as +31 6 1234 5678")
    .optional(),
  WHATSAPP_CLOUD_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v26.0")
    .default("v26.0"),

  /** Counters older than this are deleted by a daily job. */
  ANALYTICS_RETENTION_DAYS: whole(730).default(730),
  /** Figures computed from fewer than this many are reported as suppressed. */
  ANALYTICS_MIN_COUNT: whole(5).default(5),
  ANALYTICS_FLUSH_SECONDS: seconds(5),
  ANALYTICS_BUFFER_MAX: whole(100_000).default(100_000),
});

export type Config = z.infer<typeof configSchema> & { DATA_DIR: string; CONTENT_DIR: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads config from an environment (default: process.env, after loading ./.env if present). */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) =>
        `${issue.path.join(".")} ${issue.message} (got ${JSON.stringify(cleaned[String(issue.path[0])] ?? "")})`.replace(
          / \(got ".*"\)$/,
          (m) => (/TOKEN|SECRET|URL/.test(String(issue.path[0])) ? "" : m),
        ),
      ),
    );
  }
  return {
    ...parsed.data,
    DATA_DIR: resolve(parsed.data.DATA_DIR),
    CONTENT_DIR: resolve(parsed.data.CONTENT_DIR),
  };
}

function readProcessEnv(): Record<string, string | undefined> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return process.env;
}

/**
 * A webhook address under PUBLIC_URL, keeping any path prefix: with PUBLIC_URL
 * `https://example.org/guardline`, "webhooks/telegram" is `https://example.org/guardline/webhooks/telegram`.
 */
export function publicEndpoint(publicUrl: string, path: string): string {
  const base = publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`;
  return new URL(path.replace(/^\/+/, ""), base).href;
}
