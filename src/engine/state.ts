/**
 * Session state: creation, validation and migration. Persisted state is parsed, never trusted:
 * state of the previous version is migrated, anything else (another version, another shape) is
 * dropped and the person starts afresh (grammY's conversations plugin versions its state the same way).
 */
import { z } from "zod";
import { sessionStateVersion, type ReturnPoint, type SessionState, type Vars } from "./types.ts";

const position = z.object({ flow: z.string(), node: z.string(), version: z.string() });

const returnPoint = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("target"), flow: z.string(), version: z.string(), target: z.string() }),
  z.object({ kind: z.literal("menu") }),
]);

/** Fields every version shares. */
const common = {
  at: position.nullable(),
  vars: z.record(z.string(), z.string()),
  misses: z.number().int().min(0),
  done: z.boolean().default(false),
  history: z.array(position).max(20),
  pending: z.literal("erase").optional(),
};

export const sessionStateSchema = z.object({
  v: z.literal(sessionStateVersion),
  ...common,
  stack: z.array(returnPoint).max(20),
  resume: z
    .object({ at: position, stack: z.array(returnPoint).max(20), finished: z.boolean().optional() })
    .nullable(),
});

/**
 * Version 1 kept return points as positions, with the node `#menu` standing for "the main menu".
 * Sessions live for hours, so those still stored when the service is updated are carried over.
 */
const legacyMenuNode = "#menu";
const fromVersion1 = (p: z.infer<typeof position>): ReturnPoint =>
  p.node === legacyMenuNode
    ? { kind: "menu" }
    : { kind: "target", flow: p.flow, version: p.version, target: p.node };

const version1Schema = z
  .object({
    v: z.literal(1),
    ...common,
    stack: z.array(position).max(20),
    resume: z
      .object({ at: position, stack: z.array(position).max(20), finished: z.boolean().optional() })
      .nullable(),
  })
  .transform((old): SessionState => ({
    ...old,
    v: sessionStateVersion,
    stack: old.stack.map(fromVersion1),
    resume: old.resume && { ...old.resume, stack: old.resume.stack.map(fromVersion1) },
  }));

const storedStateSchema = z.union([sessionStateSchema, version1Schema]);

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

/** Parses persisted state, migrating the previous version; null for anything stale or malformed. */
export function parseSessionState(value: unknown): SessionState | null {
  // Every turn parses its state: nothing stored (a first message) and the current version are
  // told apart first, sparing the union's failed branches and their issue objects.
  if (value === null || value === undefined) return null;
  const current = (value as { v?: unknown }).v === sessionStateVersion;
  const parsed = (current ? sessionStateSchema : storedStateSchema).safeParse(value);
  return parsed.success ? (parsed.data as SessionState) : null;
}

/** How many earlier questions "back" can return to. */
export const historyLimit = 10;
