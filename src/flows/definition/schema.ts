/**
 * The staff-facing flow format (flows/*.yaml), as zod schemas. Types are inferred from these,
 * so the documentation in flows/README.md, the checker and the engine cannot drift apart.
 */
import { z } from "zod";
import { referralKinds } from "../../referrals/kinds.ts";

/** Node, option and flow ids: short, lowercase, safe in Telegram callback data and analytics. */
export const idPattern = /^[a-z][a-z0-9_]{0,31}$/;
const id = z
  .string()
  .regex(idPattern, "must be lowercase letters, digits or _ (start with a letter, at most 32 characters)");

/** A reference to a text in locales/: `key` (this flow's own file) or `file:key`. */
export const textKeyPattern = /^([a-z][a-z0-9_-]*:)?[a-z0-9_]+(\.[a-z0-9_]+)*$/i;
const textKey = z.string().regex(textKeyPattern, "must be a text key such as `intro` or `common:yes`");
const texts = z.union([textKey, z.array(textKey).min(1)]);

/**
 * Where to go next. A node id in this flow, or one of the special targets:
 * `@menu` (main menu), `@resume` (back to where the person was before help interrupted),
 * `@back` (previous question), `@end` (end this flow), `@stop` (end the conversation).
 */
export const specialTargets = ["@menu", "@resume", "@back", "@end", "@stop"] as const;
export type SpecialTarget = (typeof specialTargets)[number];
const target = z.union([id, z.enum(specialTargets)]);

/** Conversation variables a flow may set and branch on. */
export const variableNames = ["language", "country", "role", "topic", "age"] as const;
export type VariableName = (typeof variableNames)[number];
const variable = z.enum(variableNames);
const setVars = z.partialRecord(variable, z.string().min(1).max(32));

/** How a flow continues after a node: `next` (a node here) or `flow` (start another flow, no return). */
const continuation = {
  next: target.optional(),
  flow: id.optional(),
};

export const optionSchema = z.strictObject({
  id: id.optional(),
  label: textKey,
  set: setVars.optional(),
  ...continuation,
});

const base = { id, ...continuation };

export const messageNodeSchema = z.strictObject({ ...base, type: z.literal("message"), text: texts });

/** A question continues only through its options, so it has no `next:` or `flow:` of its own. */
export const questionNodeSchema = z.strictObject({
  id,
  type: z.literal("question"),
  text: texts,
  options: z.array(optionSchema).min(1),
  /** Text used to re-ask when the answer was not understood; defaults to `common:not_understood`. */
  hint: textKey.optional(),
});

export const branchNodeSchema = z.strictObject({
  id,
  type: z.literal("branch"),
  on: variable,
  cases: z.record(z.string().min(1), target),
  default: target,
});

// The kinds of contact are the referral directory's vocabulary; a `referrals` node names some of them.
export { referralKinds, type ReferralKind } from "../../referrals/kinds.ts";

export const referralsNodeSchema = z.strictObject({
  ...base,
  type: z.literal("referrals"),
  text: texts.optional(),
  kinds: z.array(z.enum(referralKinds)).min(1),
});

/** Start another flow and come back to `then` in this flow when it ends. */
export const callNodeSchema = z.strictObject({
  id,
  type: z.literal("call"),
  flow: id,
  then: target,
});

export const endNodeSchema = z.strictObject({ id, type: z.literal("end"), text: texts.optional() });

export const nodeSchema = z.discriminatedUnion("type", [
  messageNodeSchema,
  questionNodeSchema,
  branchNodeSchema,
  referralsNodeSchema,
  callNodeSchema,
  endNodeSchema,
]);

export const flowFileSchema = z.strictObject({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  /** Public pages every fact in this flow is grounded in. */
  sources: z.array(z.url()).default([]),
  nodes: z.array(nodeSchema).min(1),
});

export type FlowFile = z.infer<typeof flowFileSchema>;
export type FlowNode = z.infer<typeof nodeSchema>;
export type FlowOption = z.infer<typeof optionSchema>;
export type NodeType = FlowNode["type"];
export const nodeTypes: readonly NodeType[] = ["message", "question", "branch", "referrals", "call", "end"];

/** flows/settings.yaml: which flows play which role, and how patient the bot is. */
export const settingsSchema = z.strictObject({
  /** First flow for a new conversation. */
  start: id,
  /** The main menu (keyword "menu", `@menu`, and where finished conversations resume). */
  menu: id,
  /** Emergency and helpline contacts (keyword "help" and the safeguarding interrupt). */
  help: id,
  /** Language choice (keyword "language"). */
  language: id,
  /** Misunderstood answers before the bot offers the menu and help. */
  max_misses: z.number().int().min(1).max(10).default(2),
  /** Country whose referral directory is used when the person has not chosen one. */
  fallback_country: z.string().default("international"),
  /**
   * Campaign codes counted by name in analytics. Anyone can write anything into a link, a name
   * included, so a campaign that is not listed here is counted as "other".
   */
  campaigns: z
    .array(z.string().regex(/^[A-Za-z0-9_]{1,32}$/, "must be 1-32 letters, digits or _"))
    .default([]),
});
export type Settings = z.infer<typeof settingsSchema>;
