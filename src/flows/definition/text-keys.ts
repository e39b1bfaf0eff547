/** How a flow names its texts: `key` (the flow's own locale file) or `file:key`, one or a list. */
import type { Flow } from "./flow.ts";

/** Resolves a text key written in a flow: bare keys belong to the flow's own locale file. */
export function textKey(flow: Flow, key: string): string {
  return key.includes(":") ? key : `${flow.id}:${key}`;
}

/** A `text:` field as a list: absent, one key, or several (sent one after the other). */
export function textList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
