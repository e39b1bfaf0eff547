/**
 * One turn of a conversation, for every channel: load the session, run the engine, save, count,
 * render. Channels translate platform updates into a TurnRequest and send the replies back.
 */
import type { Logger } from "pino";
import type { AnalyticsSink } from "../analytics/analytics-sink.ts";
import { parseSessionState, step, type Input, type Signal } from "../engine/index.ts";
import { render, type Reply } from "../i18n/render.ts";
import type { SessionKeyer } from "../sessions/session-key.ts";
import type { SessionStore } from "../sessions/session-store.ts";
import type { ContentSource } from "./content-source.ts";
import { createEngineContext, matchLanguage } from "./engine-context.ts";
import { KeyedQueue } from "./keyed-queue.ts";

export interface TurnRequest {
  /** Channel name, also the analytics dimension: telegram, whatsapp_web, whatsapp_cloud, simulator. */
  channel: string;
  /** The platform's chat id. Used only to derive the keyed session hash; never stored or logged. */
  chatId: string;
  input: Input;
  /** The platform's guess of the person's language (Telegram `language_code`). */
  languageHint?: string;
}

export interface TurnResult {
  replies: Reply[];
  /** Language the replies are in. */
  language: string;
  signal?: Signal;
}

export interface ConversationDeps {
  content: ContentSource;
  sessions: SessionStore;
  keyer: SessionKeyer;
  analytics: AnalyticsSink;
  sessionTtlSeconds: number;
  logger?: Logger;
  /** Values every text may interpolate, such as {{link}} (the bot's share link). */
  textParams?: Record<string, string>;
}

export interface Conversation {
  handle(request: TurnRequest): Promise<TurnResult>;
  /** Resolves when every turn in flight has finished. */
  drain(): Promise<void>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const queue = new KeyedQueue();
  const turn = async (key: string, request: TurnRequest): Promise<TurnResult> => {
    const { bundle, translator } = deps.content.current();
    const previous = parseSessionState(await loadState(deps, key));
    const ctx = createEngineContext(bundle, translator, matchLanguage(request.languageHint, translator.languages));
    const result = step(request.input, previous, ctx);
    const language = result.state.vars.language ?? ctx.defaultLanguage;
    if (result.signal === "erase") await deps.sessions.delete(key);
    else await saveState(deps, key, result.state);
    deps.analytics.record(result.events, {
      channel: request.channel,
      locale: language,
      country: result.state.vars.country ?? "",
      campaign: result.state.vars.campaign ?? "",
    });
    for (const event of result.events) if (event.type === "engine_error") deps.logger?.error({ reason: event.reason }, "engine error");
    const replies = render(result.outputs, language, translator, deps.textParams);
    return result.signal ? { replies, language, signal: result.signal } : { replies, language };
  };
  return {
    handle: (request) => {
      const key = deps.keyer(request.channel, request.chatId);
      return queue.run(key, () => turn(key, request));
    },
    drain: () => queue.drain(),
  };
}

/** A session store that is down must not silence the bot: the person starts afresh instead. */
async function loadState(deps: ConversationDeps, key: string): Promise<unknown> {
  try {
    return await deps.sessions.get(key);
  } catch (error) {
    deps.logger?.warn({ err: errorSummary(error) }, "session store unavailable; starting the conversation afresh");
    return null;
  }
}

async function saveState(deps: ConversationDeps, key: string, state: unknown): Promise<void> {
  try {
    await deps.sessions.set(key, state, deps.sessionTtlSeconds);
  } catch (error) {
    deps.logger?.warn({ err: errorSummary(error) }, "session store unavailable; this turn's state is not kept");
  }
}

/** Error name and message only: some client errors echo the command, which holds the session key. */
function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message.slice(0, 200) } : { name: "Error", message: String(error) };
}
