/**
 * One turn of a conversation, for every channel: load the session, run the engine, save, count,
 * render. One chat's turns run one at a time, in arrival order (across instances with a shared
 * TurnLine); `enqueue` keeps that order through the sending of the replies too.
 */
import type { Logger } from "pino";
import type { AnalyticsSink } from "../analytics/analytics-sink.ts";
import { parseSessionState, step, type Input, type Signal } from "../engine/index.ts";
import { ContentUnavailableError, type ContentSource } from "../content/content-source.ts";
import { render, type Reply } from "../i18n/render.ts";
import type { Translator } from "../i18n/translator.ts";
import type { SessionKeyer } from "../sessions/session-key.ts";
import type { SessionStore } from "../sessions/session-store.ts";
import { processLocalLine, type TurnLine } from "../sessions/turn-line.ts";
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
  /** The translations of the content version the replies were rendered with (one snapshot per turn). */
  translator: Translator;
}

/** A turn either ran, or could not, because no valid content is loaded. */
export type TurnOutcome = { type: "answered"; result: TurnResult } | { type: "content_unavailable" };

export interface QueuedTurn<T> {
  /** Resolves once the turn's place in its chat's line is taken (across instances). */
  placed: Promise<void>;
  done: Promise<T>;
}

export interface ConversationDeps {
  content: ContentSource;
  sessions: SessionStore;
  keyer: SessionKeyer;
  analytics: AnalyticsSink;
  sessionTtlSeconds: number;
  logger?: Logger;
  /**
   * Values every text may interpolate, such as {{link}} (the share link): fixed, or per channel
   * (each channel's own link: t.me for Telegram, wa.me for WhatsApp). Read at each render.
   */
  textParams?: Record<string, string> | ((channel: string) => Record<string, string>);
  /** Language before the person picks one, when the platform gives no hint (DEFAULT_LANGUAGE). */
  defaultLanguage?: string;
  /** Orders turns of one conversation across instances (Redis); in-process ordering is built in. */
  turnLine?: TurnLine;
}

export interface Conversation {
  /** Runs one turn in its chat's order; throws ContentUnavailableError while no content is loaded. */
  handle(request: TurnRequest): Promise<TurnResult>;
  /**
   * Takes the turn's place in its chat's line now, and, when its time comes, calls `work` with the
   * line held: `work` runs the turn (or not, when resuming one already run) and sends its replies,
   * so one chat's replies go out in order whichever instance received the update.
   */
  enqueue<T>(request: TurnRequest, work: (runTurn: () => Promise<TurnOutcome>) => Promise<T>): QueuedTurn<T>;
  /** Resolves when every turn in flight has finished. */
  drain(): Promise<void>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const queue = new KeyedQueue();
  const line = deps.turnLine ?? processLocalLine;
  const params = (channel: string) =>
    typeof deps.textParams === "function" ? deps.textParams(channel) : deps.textParams;
  const turn = async (key: string, request: TurnRequest): Promise<TurnResult> => {
    const { bundle, translator } = deps.content.current();
    const previous = parseSessionState(await loadState(deps, key));
    const ctx = createEngineContext(
      bundle,
      translator,
      matchLanguage(request.languageHint, translator.languages) ?? deps.defaultLanguage,
    );
    const result = step(request.input, previous, ctx);
    const language = result.state.vars.language ?? ctx.defaultLanguage;
    if (result.signal === "erase" && !(await eraseState(deps, key))) {
      // Saying "forgotten" when it was not would be a lie to someone who may share a phone.
      return {
        replies: render(
          [{ type: "text", text: { key: "common:erase_failed" } }],
          language,
          translator,
          params(request.channel),
          request.channel,
        ),
        language,
        translator,
      };
    }
    if (result.signal !== "erase") await saveState(deps, key, result.state);
    // Only what analytics count: never the state or the outputs.
    const { events, path, waiting } = result;
    deps.analytics.record(
      { events, path, waiting },
      {
        channel: request.channel,
        locale: language,
        country: result.state.vars.country ?? "",
        campaign: result.state.vars.campaign ?? "",
      },
    );
    for (const event of result.events)
      if (event.type === "engine_error") deps.logger?.error({ reason: event.reason }, "engine error");
    const replies = render(result.outputs, language, translator, params(request.channel), request.channel);
    return result.signal
      ? { replies, language, translator, signal: result.signal }
      : { replies, language, translator };
  };
  const outcome = async (key: string, request: TurnRequest): Promise<TurnOutcome> => {
    try {
      return { type: "answered", result: await turn(key, request) };
    } catch (error) {
      if (error instanceof ContentUnavailableError) return { type: "content_unavailable" };
      throw error;
    }
  };
  const enqueue: Conversation["enqueue"] = (request, work) => {
    const key = deps.keyer(request.channel, request.chatId);
    // Both calls happen now, in arrival order: the local queue and the shared line agree.
    const place = line.join(key);
    const done = queue.run(key, async () => {
      const { value, locked } = await place.run(() => work(() => outcome(key, request)));
      if (!locked) deps.logger?.warn("turn ran without its place in the chat's line (busy or unavailable)");
      return value;
    });
    return { placed: place.placed, done };
  };
  return {
    enqueue,
    handle: (request) =>
      enqueue(request, async (runTurn) => {
        const result = await runTurn();
        if (result.type === "content_unavailable") throw new ContentUnavailableError();
        return result.result;
      }).done,
    drain: () => queue.drain(),
  };
}

/** A session store that is down must not silence the bot: the person starts afresh instead. */
async function loadState(deps: ConversationDeps, key: string): Promise<unknown> {
  try {
    return await deps.sessions.get(key);
  } catch (error) {
    deps.logger?.warn({ err: error }, "session store unavailable; starting the conversation afresh");
    return null;
  }
}

async function saveState(deps: ConversationDeps, key: string, state: unknown): Promise<void> {
  try {
    await deps.sessions.set(key, state, deps.sessionTtlSeconds);
  } catch (error) {
    deps.logger?.warn({ err: error }, "session store unavailable; this turn's state is not kept");
  }
}

/** Deletes the state, trying twice; false when the store would not. */
async function eraseState(deps: ConversationDeps, key: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await deps.sessions.delete(key);
      return true;
    } catch (error) {
      deps.logger?.warn({ err: error, attempt: attempt + 1 }, "session store unavailable; could not erase");
    }
  }
  return false;
}
