/**
 * Reads a content file and validates it against its schema, turning every failure (unreadable,
 * bad YAML/JSON, schema mismatch) into located problems. The one way content files are read.
 */
import type { z } from "zod";
import { schemaProblems } from "./describe-issue.ts";
import type { Problem } from "./problem.ts";
import { readSourceFile, type SourceFile } from "./source-file.ts";

export type Validated<T> = { ok: true; value: T; source: SourceFile } | { ok: false; problems: Problem[] };

export function readValidated<S extends z.ZodType>(file: string, schema: S): Validated<z.infer<S>> {
  const parsed = readSourceFile(file);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const result = schema.safeParse(parsed.source.data);
  if (!result.success) return { ok: false, problems: schemaProblems(parsed.source, result.error.issues) };
  return { ok: true, value: result.data, source: parsed.source };
}
