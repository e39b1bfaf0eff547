/**
 * What a channel gives the turn runner: how to render a reply for its platform, how to send one
 * message, which failures mean the chat is gone, and what erase can do there. Everything else
 * about a turn (redelivery, order, the conversation, notices, isolation of failures, splitting,
 * the log line) is the runner's.
 */
import type { TurnResult } from "../conversation/conversation.ts";
import type { Input } from "../engine/index.ts";
import type { Reply } from "../i18n/render.ts";
import type { Translator } from "../i18n/translator.ts";
import type { ReplyLimits } from "./split-replies.ts";

/** A platform update as the turn needs it (JSON, so a durable queue can hold it). */
export interface AdapterInbound {
  /** The platform's chat id: to reply, and to derive the keyed session hash. Never logged. */
  chatId: string;
  input: Input;
  /** The platform's guess of the person's language. */
  languageHint?: string;
}

export interface SendFailure {
  /** Blocked, deleted or unknown chat: nothing more of this turn can reach it. */
  unreachable: boolean;
  /** For metrics and logs: refused, throttled, unavailable, network, unreachable… */
  errorClass: string;
}

/** The translations of the turn, so rendering never reads newer content than the replies. */
export interface RenderContext {
  language: string;
  translator: Translator | null;
}

export interface EraseOutcome {
  /** Said after the conversation's own replies (Telegram: what was deleted). */
  replies: Reply[];
  /** Counts for the log line, never identifiers. */
  report: Record<string, number>;
}

export interface ChannelAdapter<I extends AdapterInbound, M> {
  /** Channel name, as counted in analytics: telegram, whatsapp_web, whatsapp_cloud, simulator. */
  readonly name: string;
  readonly limits: ReplyLimits;
  /** One reply (already cut to `limits`) as the platform messages that show it. */
  render(reply: Reply, context: RenderContext): M[];
  /** Sends one message; resolves the platform's message id when erase will need it. */
  send(chatId: string, message: M): Promise<string | number | undefined>;
  classify(error: unknown): SendFailure;
  /** Before the turn (Telegram: stop the tapped button spinning). */
  acknowledge?(inbound: I): Promise<void>;
  /** Deletes what the platform allows after the conversation was forgotten. Without it, erase forgets state only. */
  erase?(inbound: I, turn: TurnResult): Promise<EraseOutcome>;
  /** After sending: the ids of this turn's messages, for a later erase. */
  remember?(inbound: I, sent: Array<string | number>, erased: boolean): Promise<void>;
}
