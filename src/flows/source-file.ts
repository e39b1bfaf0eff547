/**
 * A YAML or JSON content file parsed with positions, so every problem can point at `file:line:col`.
 * JSON is read by the YAML parser too (JSON is YAML), which gives us positions for locale keys.
 */
import { readFileSync } from "node:fs";
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { Problem, SourcePosition } from "./problem.ts";

export type PathSegment = string | number;

export interface SourceFile {
  /** Path as given (relative paths keep reports short). */
  file: string;
  text: string;
  data: unknown;
  /** Position of the value at `path`, or of its closest existing parent. */
  positionOf(path: readonly PathSegment[]): SourcePosition;
  /** Position of the key at the end of `path` (for "this key is ..." messages). */
  keyPositionOf(path: readonly PathSegment[]): SourcePosition;
}

export type ParseResult = { ok: true; source: SourceFile } | { ok: false; problem: Problem };

export function readSourceFile(file: string): ParseResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, problem: { file, line: 1, col: 1, rule: "unreadable-file", severity: "error", message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})` } };
  }
  return parseSource(file, text);
}

export function parseSource(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const at = toPosition(syntax.pos[0]);
    return { ok: false, problem: { file, ...at, rule: file.endsWith(".json") ? "json-syntax" : "yaml-syntax", severity: "error", message: `is not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${firstLine(syntax.message)}` } };
  }
  if (file.endsWith(".json")) {
    try {
      JSON.parse(text);
    } catch (error) {
      const match = /position (\d+)/.exec((error as Error).message);
      const at = toPosition(match ? Number(match[1]) : 0);
      return { ok: false, problem: { file, ...at, rule: "json-syntax", severity: "error", message: `is not valid JSON: ${firstLine((error as Error).message)}` } };
    }
  }
  const locate = (path: readonly PathSegment[], key: boolean): SourcePosition => {
    const node = deepest(doc, path, key);
    return toPosition(node?.range?.[0] ?? 0);
  };
  return {
    ok: true,
    source: {
      file,
      text,
      data: doc.toJS(),
      positionOf: (path) => locate(path, false),
      keyPositionOf: (path) => locate(path, true),
    },
  };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Walks `path` as far as it exists and returns that node (or the key node of the last step). */
function deepest(doc: Document, path: readonly PathSegment[], key: boolean): Node | undefined {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) return node;
      if (key && i === path.length - 1) return (pair.key as Node) ?? node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}
