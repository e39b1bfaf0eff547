/** A conversation through the real turn pipeline on test content, with in-memory sessions. */
import { noAnalytics } from "../../src/analytics/analytics-sink.ts";
import type { FlowBundle } from "../../src/engine/index.ts";
import { fixedContent } from "../../src/content/content-source.ts";
import {
  createConversation,
  type Conversation,
  type ConversationDeps,
} from "../../src/conversation/conversation.ts";
import { createMemorySessionStore } from "../../src/sessions/memory-session-store.ts";
import { createSessionKeyer, type SessionKeyer } from "../../src/sessions/session-key.ts";
import { loadOk, miniDir } from "./content.ts";

export const testSessionSecret = "s".repeat(64);

export function testConversation(
  overrides: Partial<ConversationDeps> = {},
  dir = miniDir,
): { conversation: Conversation; keyer: SessionKeyer; bundle: FlowBundle } {
  const content = loadOk(dir);
  const keyer = overrides.keyer ?? createSessionKeyer(testSessionSecret);
  const conversation = createConversation({
    content: fixedContent({ bundle: content.bundle, translator: content.translator }),
    sessions: createMemorySessionStore(),
    analytics: noAnalytics,
    sessionTtlSeconds: 3600,
    ...overrides,
    keyer,
  });
  return { conversation, keyer, bundle: content.bundle };
}
