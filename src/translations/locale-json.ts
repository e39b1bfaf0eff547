/**
 * Reads and writes `locales/<lng>/<namespace>.json` so that a rewritten file differs from the old
 * one only where a text changed: keys keep their order (new keys go where the English has them),
 * and the file keeps its layout (two-space indentation; keyword files keep lists on one line).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type Texts = Record<string, unknown>;

const isObject = (v: unknown): v is Texts => typeof v === "object" && v !== null && !Array.isArray(v);

/** `JSON.stringify(value, null, 2)`, but lists of strings on one line: `["a", "b"]`. */
function inlineLists(value: unknown, indent = ""): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
  if (!isObject(value)) return JSON.stringify(value);
  const entries = Object.entries(value);
  if (!entries.length) return "{}";
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${inlineLists(v, inner)}`).join(",\n")}\n${indent}}`;
}

const layouts = [(v: unknown) => `${JSON.stringify(v, null, 2)}\n`, (v: unknown) => `${inlineLists(v)}\n`];

/** Formats `texts` in the layout the file at `file` already has (standard JSON for a new file). */
export function formatLike(existing: string | undefined, texts: Texts, namespace: string): string {
  if (existing !== undefined) {
    const old = JSON.parse(existing) as unknown;
    const layout = layouts.find((format) => format(old) === existing);
    if (layout) return layout(texts);
  }
  return (namespace === "keywords" ? layouts[1]! : layouts[0]!)(texts);
}

/**
 * Sets `path` (dotted key) in `texts` to `value`. A key that is new is placed in the order of
 * `english`, the base locale's texts of the same namespace, so every locale reads alike.
 */
export function setText(texts: Texts, english: Texts, path: string, value: unknown): Texts {
  const [head, ...rest] = path.split(".");
  const child = rest.length
    ? setText(
        isObject(texts[head!]) ? (texts[head!] as Texts) : {},
        isObject(english[head!]) ? (english[head!] as Texts) : {},
        rest.join("."),
        value,
      )
    : value;
  if (head! in texts) return { ...texts, [head!]: child };
  const ordered: Texts = {};
  const added = { ...texts, [head!]: child };
  for (const key of Object.keys(english)) if (key in added) ordered[key] = added[key];
  for (const key of Object.keys(added)) if (!(key in ordered)) ordered[key] = added[key];
  return ordered;
}

/** Writes a namespace file when its content changed; returns whether it wrote. */
export function writeTexts(localesDir: string, locale: string, namespace: string, texts: Texts): boolean {
  const file = join(localesDir, locale, `${namespace}.json`);
  const existing = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const text = formatLike(existing, texts, namespace);
  if (text === existing) return false;
  writeFileSync(file, text);
  return true;
}
