/**
 * Where each text shows and how long it may be, so a translator knows that "Yes" is a
 * 20-character button and `calm` a message: read from the flows (which node uses the key, as
 * text, hint or option label) and from the texts the engine and channels use by name.
 */
import { channelLimits } from "../channels/limits.ts";
import { strictestLimit } from "../content/checks/channel-limits.ts";
import { engineTextKeys, textReferences } from "../content/checks/text-references.ts";
import type { LoadedFlows } from "../flows/load-flows.ts";

export type Shows = "message" | "button" | "list row" | "keyword list" | "contacts" | "command menu";

export interface Limit {
  chars: number;
  /** What the limit comes from, in a translator's words. */
  why: string;
}

export interface TextContext {
  shows: Shows[];
  /** The strictest limit of every place the text shows; none for keyword lists. */
  limit?: Limit;
  /** `flow/node` of every node that uses the text. */
  usedIn: string[];
}

/** The strictest limit the channels declare (each channel folder's limits.ts), named after its channel. */
function declared(pick: Parameters<typeof strictestLimit>[0], shows: string): Limit {
  const strictest = strictestLimit(pick, channelLimits);
  if (!strictest) throw new Error(`no channel declares a limit for ${shows}`);
  return { chars: strictest.limit, why: `${strictest.channel.title} ${shows}` };
}

const buttonsPerMessage = strictestLimit((c) => c.buttons?.max, channelLimits)?.limit ?? 0;

const limits = {
  button: declared((c) => c.buttons?.labelChars, "button"),
  listRow: declared((c) => c.list?.rowLabelChars, "list row"),
  message: declared((c) => c.messageChars, "message"),
  // Telegram's setMyCommands: a command description is at most 256 characters.
  command: { chars: 256, why: "Telegram command menu" },
} satisfies Record<string, Limit>;

export function textContexts(flows: LoadedFlows, keys: readonly string[]): Map<string, TextContext> {
  const out = new Map<string, TextContext>();
  const add = (key: string, shows: Shows, limit: Limit | undefined, usedIn?: string) => {
    const context = out.get(key) ?? { shows: [], usedIn: [] };
    if (!context.shows.includes(shows)) context.shows.push(shows);
    if (usedIn && !context.usedIn.includes(usedIn)) context.usedIn.push(usedIn);
    if (limit && (!context.limit || limit.chars < context.limit.chars)) context.limit = limit;
    out.set(key, context);
  };
  for (const ref of textReferences(flows)) {
    const at = `${ref.flow}/${ref.node}`;
    if (!ref.isLabel) {
      add(ref.key, "message", limits.message, at);
      continue;
    }
    const node = flows.flows.find((f) => f.flow.id === ref.flow)?.flow.nodesById.get(ref.node);
    const count = node?.type === "question" ? node.options.length : 0;
    if (count <= buttonsPerMessage) add(ref.key, "button", limits.button, at);
    else add(ref.key, "list row", limits.listRow, at);
  }
  // Texts Guardline itself says at any step (not understood, erase, contacts, menus).
  const anywhere = "any step";
  for (const key of engineTextKeys) {
    if (key.startsWith("common:commands.")) add(key, "command menu", limits.command, "Telegram menu");
    else if (key === "common:list_button") add(key, "button", limits.button, "WhatsApp lists");
    else if (key.startsWith("common:referrals.")) add(key, "contacts", limits.message, anywhere);
    else if (!out.has(key)) add(key, "message", limits.message, anywhere);
  }
  for (const key of keys) {
    if (out.has(key)) continue;
    if (key.startsWith("keywords:")) add(key, "keyword list", undefined);
    else if (
      key.startsWith("referrals:") ||
      key.startsWith("common:kinds.") ||
      key.startsWith("common:referrals.")
    )
      add(key, "contacts", limits.message);
    else if (key.startsWith("common:commands.")) add(key, "command menu", limits.command);
    else add(key, "message", limits.message);
  }
  return out;
}

const placeholder = /\{\{\s*([\w.]+)\s*\}\}/g;

/** The `{{placeholders}}` of a text, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholder)].map((m) => m[1]!))];
}
