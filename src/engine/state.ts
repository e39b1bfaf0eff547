/**
 * Session state: creation and validation. Persisted state is parsed, never trusted: a state of
 * another version or shape is dropped and the person starts afresh (grammY's conversations plugin
 * does the same with its versioned state).
 */
import { z } from "zod";
import { sessionStateVersion, type SessionState, type Vars } from "./types.ts";

const position = z.object({ flow: z.string(), node: z.string(), version: z.string() });

export const sessionStateSchema = z.object({
  v: z.literal(sessionStateVersion),
  at: position.nullable(),
  stack: z.array(position).max(20),
  vars: z.record(z.string(), z.string()),
  misses: z.number().int().min(0),
  done: z.boolean().default(false),
  history: z.array(position).max(20),
  resume: z
    .object({ at: position, stack: z.array(position).max(20), finished: z.boolean().optional() })
    .nullable(),
  pending: z.literal("erase").optional(),
});

/** A new conversation with the given variables (language, campaign, country...). */
export function freshState(vars: Vars): SessionState {
  return {
    v: sessionStateVersion,
    at: null,
    stack: [],
    vars: { ...vars },
    misses: 0,
    done: false,
    history: [],
    resume: null,
  };
}

/** Parses persisted state; returns null for anything stale or malformed. */
export function parseSessionState(value: unknown): SessionState | null {
  const parsed = sessionStateSchema.safeParse(value);
  return parsed.success ? (parsed.data as SessionState) : null;
}

/** How many earlier questions "back" can return to. */
export const historyLimit = 10;
