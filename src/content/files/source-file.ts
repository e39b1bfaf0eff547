/**
 * A YAML or JSON content file parsed with positions, so every problem can point at `file:line:col`.
 * JSON is read by the YAML parser too (JSON is YAML), which gives us positions for locale keys.
 */
import { readFileSync } from "node:fs";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from "yaml";
import { describeJsonSlip, findJsonSyntaxError, smartQuoteMessage, smartQuotes } from "./json-syntax.ts";
import type { Problem, SourcePosition } from "./problem.ts";
import { describeYamlError } from "./yaml-syntax.ts";

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
    return {
      ok: false,
      problem: {
        file,
        line: 1,
        col: 1,
        rule: "unreadable-file",
        severity: "error",
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`,
      },
    };
  }
  return parseSource(file, text);
}

export function parseSource(file: string, raw: string): ParseResult {
  // Notepad and Excel start files with a byte-order mark; it carries no meaning, so it is dropped.
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  const isJson = file.endsWith(".json");
  const lineCounter = new LineCounter();
  const syntaxProblem = (offset: number, rule: Problem["rule"], message: string): ParseResult => {
    const { line, col } = positionIn(text, offset);
    return {
      ok: false,
      problem: {
        file,
        line,
        col,
        rule,
        severity: "error",
        message,
        excerpt: text.split("\n")[line - 1]?.replace(/\r$/, "") ?? "",
      },
    };
  };
  if (isJson) {
    const slip = findJsonSyntaxError(text);
    if (slip)
      return syntaxProblem(
        slip.offset,
        slip.slip === "smart-quote" ? "smart-quotes" : "json-syntax",
        slip.slip === "smart-quote" ? describeJsonSlip(slip) : `is not valid JSON: ${describeJsonSlip(slip)}`,
      );
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const hint = describeYamlError(text, syntax);
    const curly = hint.message.startsWith("uses the curly quote");
    return syntaxProblem(
      hint.offset,
      curly ? "smart-quotes" : isJson ? "json-syntax" : "yaml-syntax",
      curly ? hint.message : `is not valid ${isJson ? "JSON" : "YAML"}: ${hint.message}`,
    );
  }
  const curly = isJson ? null : curlyQuotedValue(doc);
  if (curly) return syntaxProblem(curly.offset, "smart-quotes", smartQuoteMessage(curly.quote, '"'));
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

/** 1-based line and column of `offset`, counting as editors do. */
function positionIn(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** A YAML value that starts with a curly quote was meant to be quoted: its quotes would become part of it. */
function curlyQuotedValue(doc: Document): { offset: number; quote: string } | null {
  let found: { offset: number; quote: string } | null = null;
  visit(doc, {
    Scalar(_key, node) {
      if (
        isScalar(node) &&
        node.type === "PLAIN" &&
        typeof node.source === "string" &&
        smartQuotes.test(node.source[0] ?? "")
      ) {
        found = { offset: node.range?.[0] ?? 0, quote: node.source[0]! };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
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
