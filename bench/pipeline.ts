/**
 * `npm run bench -- pipeline`: how long one conversation turn takes through the real pipeline
 * (session load, engine, save, render) on the shipped content, with the in-memory store.
 * Prints the median and 99th percentile per turn and turns per second, so a change that makes
 * replies slow on a cheap server shows up as a number.
 */
import { randomBytes } from "node:crypto";
import { noAnalytics } from "../src/analytics/analytics-sink.ts";
import { fixedContent } from "../src/content/content-source.ts";
import { createConversation } from "../src/conversation/conversation.ts";
import { contentPaths, loadContent } from "../src/content/load-content.ts";
import { createMemorySessionStore } from "../src/sessions/memory-session-store.ts";
import { createSessionKeyer } from "../src/sessions/session-key.ts";
import type { Input } from "../src/engine/index.ts";
import { channelDeclarations } from "../src/channels/limits.ts";

const conversations = 2_000;
const script: Input[] = [
  { type: "start", payload: { language: "es", country: "CO" } },
  { type: "text", text: "4" },
  { type: "text", text: "1" },
  { type: "text", text: "peligro" },
  { type: "text", text: "1" },
  { type: "text", text: "menú" },
  { type: "text", text: "7" },
];

export async function run(): Promise<void> {
  const content = loadContent(contentPaths("."), { channels: channelDeclarations });
  if (!content.bundle || !content.translator)
    throw new Error("the shipped content has errors: run npm run flows -- check");
  const conversation = createConversation({
    content: fixedContent({ bundle: content.bundle, translator: content.translator }),
    sessions: createMemorySessionStore(),
    keyer: createSessionKeyer(randomBytes(32).toString("hex")),
    analytics: noAnalytics,
    sessionTtlSeconds: 3600,
  });
  const durations: number[] = [];
  const started = performance.now();
  for (let c = 0; c < conversations; c++) {
    for (const input of script) {
      const t0 = performance.now();
      await conversation.handle({ channel: "bench", chatId: `chat-${c}`, input });
      durations.push(performance.now() - t0);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const at = (q: number) =>
    durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!.toFixed(3);
  console.log(
    `Conversation turns (${conversations} conversations x ${script.length} turns, shipped content, memory sessions)`,
  );
  console.log(
    `median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms per turn; ${Math.round(durations.length / seconds).toLocaleString("en")} turns/s`,
  );
}
