/** Conversations through the real turn pipeline, counted by real analytics, for analytics tests. */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Logger } from "pino";
import type { AnalyticsSink } from "../../src/analytics/analytics-sink.ts";
import type { EngineEvent, FlowBundle } from "../../src/engine/index.ts";
import type { AnalyticsConfig } from "../../src/analytics/create-analytics.ts";
import type { Conversation } from "../../src/conversation/conversation.ts";
import type { SessionKeyer } from "../../src/sessions/session-key.ts";
import { miniDir, shippedDir } from "./content.ts";
import { testConversation, testSessionSecret } from "./conversation.ts";

export const sessionSecret = testSessionSecret;

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

export function miniConversation(
  analytics: AnalyticsSink,
  logger: Logger,
  dir = miniDir,
): { conversation: Conversation; keyer: SessionKeyer; bundle: FlowBundle } {
  return testConversation({ analytics, logger }, dir);
}

/** The shipped content (repo root) through the real pipeline; `events` sees what the engine emitted. */
export function shippedConversation(
  analytics: AnalyticsSink,
  logger: Logger,
): { conversation: Conversation; bundle: FlowBundle; events: EngineEvent[] } {
  const events: EngineEvent[] = [];
  const spy: AnalyticsSink = {
    ...analytics,
    record: (turn, dims) => (events.push(...turn.events), analytics.record(turn, dims)),
  };
  return { ...miniConversation(spy, logger, shippedDir), events };
}

/** The flows the main menu's options lead to, in the menu's order. */
export function menuTopics(bundle: FlowBundle): string[] {
  return [...bundle.topics];
}

/**
 * Opens the menu, picks topic number `topic` and walks it like walkTopic does (at every question
 * the first option not chosen there yet) until the menu is asked again.
 */
export async function walkShippedTopic(
  conversation: Conversation,
  bundle: FlowBundle,
  chatId: string,
  topic: number,
  channel = "telegram",
): Promise<void> {
  const menuNodes = new Set(bundle.flows.get(bundle.settings.menu)!.nodes.map((n) => n.id));
  const send = async (input: Parameters<Conversation["handle"]>[0]["input"]) =>
    (await conversation.handle({ channel, chatId, input, languageHint: "en" })).replies.findLast(
      (r) => r.options?.length,
    );
  await send({ type: "start", payload: { language: "en", country: "NL" } });
  let question = await send({ type: "text", text: "menu" });
  question = await send({ type: "choice", node: question!.node!, option: question!.options![topic - 1]!.id });
  const chosen = new Map<string, number>();
  for (let i = 0; i < 60 && question && !menuNodes.has(question.node!); i++) {
    const n = chosen.get(question.node!) ?? 0;
    chosen.set(question.node!, n + 1);
    question = await send({
      type: "choice",
      node: question.node!,
      option: question.options![Math.min(n, question.options!.length - 1)]!.id,
    });
  }
}

/** Opens the menu and leaves: not a completed conversation. */
export async function onlyOpenMenu(
  conversation: Conversation,
  chatId: string,
  channel = "telegram",
): Promise<void> {
  await conversation.handle({
    channel,
    chatId,
    input: { type: "start", payload: { language: "en", country: "NL" } },
    languageHint: "en",
  });
  await conversation.handle({ channel, chatId, input: { type: "text", text: "menu" }, languageHint: "en" });
}

/** Welcome -> the Netherlands -> Tips -> back to the menu: a finished topic, so a completed conversation. */
export async function completeOne(
  conversation: Conversation,
  chatId: string,
  channel = "telegram",
  campaign = "spring",
): Promise<void> {
  await conversation.handle({ channel, chatId, input: { type: "start", payload: { campaign } } });
  await conversation.handle({
    channel,
    chatId,
    input: { type: "choice", node: "pick_country", option: "nl" },
  });
  await conversation.handle({ channel, chatId, input: { type: "choice", node: "pick", option: "tips" } });
  await conversation.handle({ channel, chatId, input: { type: "choice", node: "more", option: "menu" } });
}

/** Welcome -> the Netherlands -> "Goodbye" (@stop) without a topic: started, not completed. */
export async function leaveWithoutTopic(
  conversation: Conversation,
  chatId: string,
  channel = "telegram",
): Promise<void> {
  await conversation.handle({ channel, chatId, input: { type: "start", payload: { campaign: "spring" } } });
  await conversation.handle({
    channel,
    chatId,
    input: { type: "choice", node: "pick_country", option: "nl" },
  });
  await conversation.handle({ channel, chatId, input: { type: "choice", node: "pick", option: "bye" } });
}

/** Welcome -> a misunderstood answer -> the Netherlands -> left at the menu. */
export async function leaveAtMenu(
  conversation: Conversation,
  chatId: string,
  typed: string,
  channel = "telegram",
): Promise<number> {
  await conversation.handle({ channel, chatId, input: { type: "start", payload: { campaign: "spring" } } });
  await conversation.handle({ channel, chatId, input: { type: "text", text: typed } });
  const last = await conversation.handle({
    channel,
    chatId,
    input: { type: "choice", node: "pick_country", option: "nl" },
  });
  return last.replies.length;
}

/** A database the analytics integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export interface TestDatabase {
  name: string;
  /** DATABASE_URL for the config (none = embedded PGlite in DATA_DIR), and a cleanup. */
  setup(): Promise<{ databaseUrl: string | undefined; cleanup(): Promise<void> }>;
}

export function testDatabases(): TestDatabase[] {
  const pglite: TestDatabase = {
    name: "PGlite",
    setup: async () => ({ databaseUrl: undefined, cleanup: async () => {} }),
  };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return [pglite];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  const postgres: TestDatabase = {
    name: "PostgreSQL",
    async setup() {
      const name = `guardline_test_${randomBytes(6).toString("hex")}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      return {
        databaseUrl: url.toString(),
        cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    },
  };
  return [pglite, postgres];
}

/** createAnalytics resolves before its database is open; tests that read reports wait for it. */
export async function untilReady(
  analytics: { ready(): Promise<boolean> },
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await analytics.ready())) {
    if (Date.now() > until) throw new Error("analytics database did not open");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
