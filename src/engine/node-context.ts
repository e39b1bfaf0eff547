/**
 * What a node may read and do while it is entered, and nothing more (goflow gives its actions the
 * narrow `FlowRun` interface for the same reason): read the person's variables and the referral
 * directory, say texts, show a question or contacts, and log events. A node never sees the session
 * state or the run; it moves the person on only by what it returns (./nodes/next.ts).
 */
import type { ReferralDirectory } from "../referrals/schema.ts";
import type { EngineEvent, Flow, Output, Vars } from "./types.ts";

export interface NodeContext {
  /** The flow the node belongs to. */
  readonly flow: Flow;
  /** The conversation's variables (language, country, role...), read-only. */
  readonly vars: Readonly<Vars>;
  readonly referrals: ReferralDirectory;
  /** Whose contacts are shown while the person's country is unknown (settings.yaml). */
  readonly fallbackCountry: string;
  /** Sends a text, by i18next key. */
  say(key: string): void;
  /** Sends a question with its options, or contacts. */
  show(output: Output): void;
  emit(event: EngineEvent): void;
}
