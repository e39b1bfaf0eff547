/**
 * Turns zod's schema issues into sentences for content authors, with the file position of the
 * field at fault. "nodes.3.options.0.next: Invalid input" becomes
 * "node 4, option 1: `next` must be ...".
 */
import type { z } from "zod";
import type { Problem } from "./problem.ts";
import type { PathSegment, SourceFile } from "./source-file.ts";

export function schemaProblems(
  source: SourceFile,
  issues: readonly z.core.$ZodIssue[],
  extra: Partial<Problem> = {},
): Problem[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    const at =
      issue.code === "unrecognized_keys"
        ? source.keyPositionOf([...path, issue.keys[0]!])
        : source.positionOf(path);
    return {
      file: source.file,
      ...at,
      rule: "schema",
      severity: "error",
      message: `${where(source, path)}${describe(issue, valueAt(source.data, path))}`,
      ...extra,
    };
  });
}

function where(source: SourceFile, path: readonly PathSegment[]): string {
  const parts: string[] = [];
  let value: unknown = source.data;
  for (const segment of path) {
    const parent = value as Record<string | number, unknown> | undefined;
    value = parent?.[segment];
    if (typeof segment === "number") {
      const id = (value as { id?: unknown } | undefined)?.id;
      const noun = parts.length === 0 ? "item" : "entry";
      parts.push(typeof id === "string" ? `\`${id}\`` : `${noun} ${segment + 1}`);
    } else if (!["nodes", "options", "entries"].includes(segment)) {
      parts.push(`\`${segment}\``);
    }
  }
  return parts.length ? `${parts.join(" ")}: ` : "";
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>(
    (value, segment) => (value as Record<string | number, unknown> | undefined)?.[segment],
    data,
  );
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is missing";
      // YAML reads 0800 or 112 as numbers: the fix is quotes, so say so.
      if (issue.expected === "string" && typeof value === "number")
        return `must be a text, not the number ${value}: write it in quotes, "${value}"`;
      return `must be ${article(issue.expected)}, not ${describeValue(value)}`;
    case "unrecognized_keys":
      return `has a field this format does not know: ${issue.keys.map((k) => `\`${k}\``).join(", ")} (check the spelling)`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator === "type")
        return `\`${String(value)}\` is not a node type: use message, question, branch, referrals, call or end`;
      return "is not one of the forms allowed here (see flows/README.md)";
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "too_small":
      return issue.origin === "array" ? `needs at least ${issue.minimum} item(s)` : `is too short`;
    case "too_big":
      return issue.origin === "array"
        ? `has more than ${issue.maximum} items`
        : `is longer than ${issue.maximum} characters`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "empty";
  if (typeof value === "object") return "a set of fields";
  if (typeof value === "string") return `the text "${value.slice(0, 40)}"`;
  return `${typeof value === "number" ? "the number" : ""} ${String(value)}`.trim();
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: "a text",
    number: "a number",
    array: "a list",
    object: "a set of fields",
    boolean: "true or false",
  };
  return names[expected] ?? expected;
}
