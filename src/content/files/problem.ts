import type { RuleId } from "./rules.ts";

/**
 * A mistake in a content file (flow, locale, referral directory), told to the person who wrote
 * it: where, how bad, and a sentence a non-programmer understands. Problems are data, not errors.
 */
export interface Problem {
  /** Which check found it (see rules.ts). */
  rule: RuleId;
  file: string;
  line: number;
  col: number;
  severity: "error" | "warning";
  message: string;
  /** Flow and node at fault, where there is one. */
  flow?: string;
  node?: string;
  locale?: string;
  /** The source line at fault, for syntax mistakes: printed under the problem with a caret at `col`. */
  excerpt?: string;
}

export interface SourcePosition {
  line: number;
  col: number;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`;
}

/** The line at fault and a caret under the column, for problems that carry an excerpt. */
export function formatExcerpt(p: Problem): string[] {
  if (p.excerpt === undefined) return [];
  const gutter = String(p.line);
  const indent = p.excerpt.slice(0, p.col - 1).replace(/[^\t]/g, " ");
  return [`  ${gutter} | ${p.excerpt}`, `  ${" ".repeat(gutter.length)} | ${indent}^`];
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Errors first, then by file and line, so the first line printed is the first thing to fix. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      Number(a.severity === "warning") - Number(b.severity === "warning") ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col,
  );
}
