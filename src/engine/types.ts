/**
 * The engine's vocabulary: what goes in (Input), what comes out (Output, EngineEvent), and the
 * small serialisable state a conversation carries between turns. Everything here is plain data.
 */
import type { FlowBundle } from "../flows/definition/index.ts";
import type { FlowNode, ReferralKind, VariableName } from "../flows/definition/schema.ts";
import type { ReferralEntry } from "../referrals/schema.ts";
import type { DangerMatcher } from "./danger-words.ts";

/** Everything the engine reads (flows, settings, referral directory) is the flow format's bundle. */
export type { Flow, FlowBundle } from "../flows/definition/index.ts";

export const globalKeywords = ["menu", "back", "help", "language", "stop", "erase"] as const;
export type GlobalKeyword = (typeof globalKeywords)[number];

/** Deep-link data: which campaign brought the person, and optional language/country presets. */
export interface StartPayload {
  campaign?: string;
  language?: string;
  country?: string;
}

export type Input =
  | { type: "start"; payload?: StartPayload }
  | { type: "text"; text: string }
  /** A tapped button or list row. `node` says which question it belonged to, to catch stale buttons. */
  | { type: "choice"; node: string; option: string }
  | { type: "command"; command: GlobalKeyword }
  /**
   * Something the channel cannot pass on as text: a photo, voice note, sticker, location...
   * `caption` is the text written with it, checked only for safeguarding words.
   */
  | { type: "unsupported"; kind: string; caption?: string };

/** A text to show, by i18next key (namespaced `file:key`) with interpolation values. */
export interface TextRef {
  key: string;
  params?: Record<string, string | number>;
}

export interface OptionRef {
  id: string;
  label: TextRef;
}

export type Output =
  | { type: "text"; text: TextRef }
  /** The last text of a question, with its options. `node` identifies the question (for buttons). */
  | { type: "question"; text: TextRef; node: string; options: OptionRef[] }
  /**
   * Contacts for the person's country. `fallback` holds international entries for kinds the country
   * lacks; `missing` lists kinds that neither the country nor the international directory has.
   */
  | {
      type: "referrals";
      country: string;
      kinds: ReferralKind[];
      entries: ReferralEntry[];
      fallback: ReferralEntry[];
      missing: ReferralKind[];
    };

export type Vars = Partial<Record<VariableName | "campaign", string>>;

/** A question in a flow version: where a person waits, or waited. */
export interface Position {
  flow: string;
  node: string;
  /** The flow's version when the person entered it. */
  version: string;
}

/**
 * Where a called flow (or the language choice) returns to when it ends: a target written in the
 * calling flow (a node id, or `@menu`, `@end`... as `then:` of a `call` says), or the main menu,
 * reached without counting the flow that returns there as completed.
 */
export type ReturnPoint =
  { kind: "target"; flow: string; version: string; target: string } | { kind: "menu" };

export const sessionStateVersion = 2;

export interface SessionState {
  v: typeof sessionStateVersion;
  /** Where the person is: at a question waiting for an answer, or null when the conversation ended. */
  at: Position | null;
  /** Return points of `call` nodes, innermost last. */
  stack: Array<ReturnPoint>;
  vars: Vars;
  /** Answers not understood in a row at the current question. */
  misses: number;
  /** Earlier questions, most recent last, for the "back" keyword. Bounded. */
  history: Position[];
  /** Whether this conversation has completed a topic already (counted once). */
  done: boolean;
  /** Where the person was when help or the safeguarding interrupt took them away (for `@resume`). */
  resume: { at: Position; stack: ReturnPoint[]; finished?: boolean } | null;
  /** A question the engine itself asked and awaits an answer to (erase asks for confirmation). */
  pending?: "erase";
}

/** Events feed anonymous analytics, so they never carry anything the person typed. */
export type EngineEvent =
  | { type: "conversation_started"; campaign?: string }
  | { type: "flow_started"; flow: string; version: string }
  | { type: "flow_completed"; flow: string; version: string }
  /** The first topic (a flow the main menu leads to) this conversation finished: a completed conversation. */
  | { type: "conversation_completed"; flow: string }
  | { type: "node_entered"; flow: string; version: string; node: string }
  /** An answer to a question; where it led is the turn's path segment (StepResult.path). */
  | { type: "option_chosen"; flow: string; version: string; node: string; option: string }
  | {
      type: "referral_shown";
      flow: string;
      version: string;
      kind: ReferralKind;
      country: string;
      fallback: boolean;
    }
  | { type: "not_understood"; flow: string; version: string; node: string }
  | { type: "keyword"; keyword: GlobalKeyword }
  /** `at` is the question the person was at; null before they reached any. */
  | { type: "safeguarding_interrupt"; at: Position | null }
  | { type: "flow_restarted"; flow: string }
  | { type: "unsupported_input"; kind: string }
  /** An engine failure (not a content mistake the checker would catch): logged, never shown. */
  | { type: "engine_error"; reason: string };

/** The node id of the engine's own erase confirmation (buttons carry it like any question's). */
export const confirmEraseNode = "confirm_erase";

/** What the caller must do besides sending outputs. */
export type Signal = "erase" | "stop";

/**
 * Where the person waits after a turn: at a question of a flow (`arrived` when this turn brought
 * them there, not when it asked the same question again), at the engine's own erase confirmation,
 * or nowhere (the conversation ended; the next message starts at the menu).
 */
export type Waiting =
  | { kind: "question"; flow: string; version: string; node: string; arrived: boolean }
  | { kind: "erase_confirmation" }
  | { kind: "nowhere" };

/** How a node was left: by an answer to a question, or by continuing (every other node type). */
export type Exit = { kind: "option"; option: string } | { kind: "continue" };

/** Where a node led: another node of its flow, another flow, or a special target. */
export type Destination =
  | { kind: "node"; node: string }
  | { kind: "flow"; flow: string }
  | { kind: "menu" }
  | { kind: "resume" }
  | { kind: "back" }
  | { kind: "end" }
  | { kind: "stop" };

/** One step of the person's path through a flow: node -> exit -> destination (goflow's segments). */
export interface PathSegment {
  flow: string;
  version: string;
  node: string;
  exit: Exit;
  to: Destination;
}

export interface StepResult {
  state: SessionState;
  outputs: Output[];
  events: EngineEvent[];
  /** Where the person now waits. */
  waiting: Waiting;
  /** The nodes this turn left, in order, with how and where to. */
  path: PathSegment[];
  signal?: Signal;
}

/** The person's-language lookups the engine needs, injected so the engine never imports i18next. */
export interface EngineContext {
  bundle: FlowBundle;
  /** The resolved text of a key in a language, used to match typed answers against option labels. */
  label(language: string, key: string): string;
  /** Keywords for a language (already including the base language's, if the caller wants that). */
  keywords(language: string): KeywordTable;
  /** Language for a new conversation (the channel's guess or the default). */
  defaultLanguage: string;
  /** Locales that have texts; a deep link naming another language is ignored. */
  languages: readonly string[];
}

export interface KeywordTable {
  commands: ReadonlyMap<string, GlobalKeyword>;
  /** Disclosure and danger entries that trigger the safeguarding interrupt anywhere in a message. */
  safeguarding: DangerMatcher;
  /** The same for the first list given only (the language itself, without the base language's). */
  ownSafeguarding: DangerMatcher;
  /** Help words, which open help wherever they appear in a message nothing else understood. */
  help: readonly string[];
  /** Words that answer a yes/no confirmation (erase), normalised. */
  yes: ReadonlySet<string>;
  no: ReadonlySet<string>;
}

export type { FlowNode, ReferralEntry };
