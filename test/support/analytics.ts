/** Conversations through the real turn pipeline, counted by real analytics, for analytics tests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import type { AnalyticsSink } from "../../src/analytics/analytics-sink.ts";
import type { AnalyticsConfig } from "../../src/analytics/create-analytics.ts";
import { fixedContent } from "../../src/conversation/content-source.ts";
import { createConversation, type Conversation } from "../../src/conversation/conversation.ts";
import { createMemorySessionStore } from "../../src/sessions/memory-session-store.ts";
import { createSessionKeyer, type SessionKeyer } from "../../src/sessions/session-key.ts";
import { loadOk, miniDir } from "./content.ts";

export const sessionSecret = "s".repeat(64);

export function analyticsConfig(overrides: Partial<AnalyticsConfig> = {}): AnalyticsConfig {
  return {
    DATA_DIR: mkdtempSync(join(tmpdir(), "guardline-analytics-")),
    DATABASE_URL: undefined,
    ADMIN_TOKEN: "admin-token-0123456789",
    ANALYTICS_RETENTION_DAYS: 730,
    ANALYTICS_MIN_COUNT: 5,
    ANALYTICS_FLUSH_SECONDS: 3600,
    ANALYTICS_BUFFER_MAX: 100_000,
    ...overrides,
  };
}

export function miniConversation(analytics: AnalyticsSink, logger: Logger): { conversation: Conversation; keyer: SessionKeyer } {
  const content = loadOk(miniDir);
  const keyer = createSessionKeyer(sessionSecret);
  const conversation = createConversation({
    content: fixedContent({ bundle: content.bundle, translator: content.translator }),
    sessions: createMemorySessionStore(),
    keyer,
    analytics,
    sessionTtlSeconds: 3600,
    logger,
  });
  return { conversation, keyer };
}

/** Welcome -> the Netherlands -> "Goodbye": a completed conversation. */
export async function completeOne(conversation: Conversation, chatId: string, channel = "telegram", campaign = "spring"): Promise<void> {
  await conversation.handle({ channel, chatId, input: { type: "start", payload: { campaign } } });
  await conversation.handle({ channel, chatId, input: { type: "choice", node: "pick_country", option: "nl" } });
  await conversation.handle({ channel, chatId, input: { type: "choice", node: "pick", option: "bye" } });
}

/** Welcome -> a misunderstood answer -> the Netherlands -> left at the menu. */
export async function leaveAtMenu(conversation: Conversation, chatId: string, typed: string, channel = "telegram"): Promise<number> {
  await conversation.handle({ channel, chatId, input: { type: "start", payload: { campaign: "spring" } } });
  await conversation.handle({ channel, chatId, input: { type: "text", text: typed } });
  const last = await conversation.handle({ channel, chatId, input: { type: "choice", node: "pick_country", option: "nl" } });
  return last.replies.length;
}
