/**
 * The simulator's conversations: each runs through the real turn pipeline (createConversation)
 * under the channel `simulator`, counted as the staff chat is, with its own in-memory session
 * store and keys (`sim:` + a keyed hash of a random id), so it can never meet a real chat's state.
 * The conversation's state and the engine's events are tapped for display; nothing the staff
 * member types is kept, logged or counted (the engine's events carry no text).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { AnalyticsSink } from "../../analytics/analytics-sink.ts";
import { simulatorChannel } from "../../analytics/report-filters.ts";
import { fixedContent, type LiveContent } from "../../content/content-source.ts";
import { createConversation, type Conversation } from "../../conversation/conversation.ts";
import type { EngineEvent, Input, SessionState, StartPayload } from "../../engine/index.ts";
import { createMemorySessionStore } from "../../sessions/memory-session-store.ts";
import { createSessionKeyer } from "../../sessions/session-key.ts";
import type { Reply } from "../../i18n/render.ts";

export interface Simulation {
  id: string;
  /** The staff member who started it; nobody else can continue it. */
  staff: string;
  content: LiveContent;
  presets: StartPayload;
  conversation: Conversation;
  /** The state after the last turn (null after erase or before the first turn). */
  state: SessionState | null;
}

export interface SimTurn {
  replies: Reply[];
  language: string;
  events: EngineEvent[];
  state: SessionState | null;
}

export interface Simulations {
  start(staff: string, content: LiveContent, presets: StartPayload): Simulation;
  get(id: string, staff: string): Simulation | undefined;
  turn(sim: Simulation, input: Input): Promise<SimTurn>;
}

export interface SimulationsOptions {
  analytics: AnalyticsSink;
  textParams?: Record<string, string>;
  /** Open simulations kept (least recently used dropped first) and how long an idle one lives. */
  max?: number;
  ttlSeconds?: number;
}

export function createSimulations(options: SimulationsOptions): Simulations {
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const sims = new LRUCache<string, Simulation & { events: EngineEvent[] }>({
    max: options.max ?? 200,
    ttl: ttlSeconds * 1000,
    updateAgeOnGet: true,
  });
  const hash = createSessionKeyer(randomBytes(32).toString("hex"));
  const keyer = (channel: string, chatId: string) => `sim:${hash(channel, chatId)}`;
  return {
    start(staff, content, presets) {
      const sessions = createMemorySessionStore({ max: 1 });
      const sim = {
        id: randomUUID(),
        staff,
        content,
        presets,
        state: null,
        events: [] as EngineEvent[],
      } as Simulation & { events: EngineEvent[] };
      const tappedSessions = {
        ...sessions,
        set: async (key: string, value: unknown, ttl: number) => {
          sim.state = value as SessionState;
          await sessions.set(key, value, ttl);
        },
        delete: async (key: string) => {
          sim.state = null;
          await sessions.delete(key);
        },
      };
      const tappedAnalytics: AnalyticsSink = {
        ...options.analytics,
        record(turn, dimensions) {
          sim.events.push(...turn.events);
          options.analytics.record(turn, dimensions);
        },
      };
      sim.conversation = createConversation({
        content: fixedContent(content),
        sessions: tappedSessions,
        keyer,
        analytics: tappedAnalytics,
        sessionTtlSeconds: ttlSeconds,
        ...(options.textParams ? { textParams: options.textParams } : {}),
      });
      sims.set(sim.id, sim);
      return sim;
    },
    get(id, staff) {
      const sim = sims.get(id);
      return sim && sim.staff === staff ? sim : undefined;
    },
    async turn(sim, input) {
      const tapped = sim as Simulation & { events: EngineEvent[] };
      tapped.events = [];
      const result = await sim.conversation.handle({ channel: simulatorChannel, chatId: sim.id, input });
      return { replies: result.replies, language: result.language, events: tapped.events, state: sim.state };
    },
  };
}
