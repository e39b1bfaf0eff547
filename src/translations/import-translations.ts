/**
 * Takes a translator's file back: reads it, checks every row against the current English, and
 * only when nothing is wrong writes the changed texts to `locales/<lng>/*.json` and their review
 * state to `locales/<lng>/review.yaml`. Every problem names the file and row (or line).
 */
import { flattenTexts } from "../i18n/load-locales.ts";
import type { ContentPaths } from "../flows/load-content.ts";
import type { CatalogEntry } from "./catalog.ts";
import { checkRow, type RowPlan } from "./check-row.ts";
import { formatOfFile, formatNames, formats } from "./formats/index.ts";
import { UnreadableFileError, type ParsedFile } from "./formats/rows.ts";
import { loadLocaleCatalog, type LocaleCatalog } from "./locale-catalog.ts";
import { setText, writeTexts, type Texts } from "./locale-json.ts";
import { writeReviewState, type ReviewState } from "./review-state.ts";

export interface ImportProblem {
  file: string;
  line: number;
  severity: "error" | "warning";
  message: string;
}

export interface ImportOptions {
  /** Shown in problems, and tells the format by its extension. */
  fileName: string;
  data: Buffer;
  /** The language the file must be in, when the caller knows it. */
  lang?: string;
  /** Who reviewed, recorded with texts the import marks `reviewed`. */
  by?: string;
  today: Date;
  /** Check only; write nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  ok: boolean;
  language?: string;
  problems: ImportProblem[];
  /** Keys whose text changed, and keys whose review state changed. */
  changedTexts: string[];
  changedStates: string[];
  /** Files written (none when `ok` is false or on a dry run). */
  written: string[];
}

export function formatImportProblem(p: ImportProblem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}

export async function importTranslations(paths: ContentPaths, options: ImportOptions): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  const fail = (line: number, message: string): ImportResult => ({
    ok: false,
    problems: [...problems, { file: options.fileName, line, severity: "error", message }],
    changedTexts: [],
    changedStates: [],
    written: [],
  });
  const format = formatOfFile(options.fileName);
  if (!format)
    return fail(
      1,
      `has an extension Guardline does not read; use one of ${formatNames.map((f) => `.${f === "xliff" ? "xlf" : f}`).join(", ")}`,
    );
  let parsed: ParsedFile;
  try {
    parsed = await (await formats[format]()).read(options.data);
  } catch (error) {
    if (error instanceof UnreadableFileError) return fail(error.line, error.message);
    throw error;
  }
  const content = loadLocaleCatalog(paths);
  const language = languageOf(parsed, content, options, problems);
  if (!language) return { ok: false, problems, changedTexts: [], changedStates: [], written: [] };
  const { entries, review } = content.catalog(language);
  const plans = planRows(parsed, language, entries, content, options, problems);
  const ok = !problems.some((p) => p.severity === "error");
  const changedTexts = [...plans].filter(([, p]) => p.plan.value !== undefined).map(([k]) => k);
  const changedStates = [...plans].filter(([, p]) => p.plan.state !== undefined).map(([k]) => k);
  const written = ok && !options.dryRun ? apply(content, language, plans, review, options) : [];
  return { ok, language, problems, changedTexts, changedStates, written };
}

function languageOf(
  parsed: ParsedFile,
  content: LocaleCatalog,
  options: ImportOptions,
  problems: ImportProblem[],
): string | undefined {
  const error = (line: number, message: string) =>
    problems.push({ file: options.fileName, line, severity: "error", message });
  const declared = parsed.language ?? parsed.rows.find((r) => r.language)?.language;
  const line = parsed.language ? parsed.languageLine : (parsed.rows.find((r) => r.language)?.line ?? 1);
  const language = declared ?? options.lang;
  if (!language) return void error(1, "does not say which language it is in; give it with --lang");
  if (options.lang && language !== options.lang)
    return void error(line, `is in ${language}, not ${options.lang} as asked`);
  if (language === content.base)
    return void error(line, `is in ${language}, the base language; only translations are imported`);
  if (!content.locales.includes(language))
    return void error(
      line,
      `is in "${language}", which is not a locale of locales/manifest.yaml (${content.locales.join(", ")})`,
    );
  return language;
}

interface Planned {
  entry: CatalogEntry;
  plan: RowPlan;
}

function planRows(
  parsed: ParsedFile,
  language: string,
  entries: CatalogEntry[],
  content: LocaleCatalog,
  options: ImportOptions,
  problems: ImportProblem[],
): Map<string, Planned> {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const seen = new Map<string, number>();
  const plans = new Map<string, Planned>();
  const current = content.input.locales.resources[language] ?? {};
  for (const row of parsed.rows) {
    const at = (severity: ImportProblem["severity"], message: string) =>
      problems.push({ file: options.fileName, line: row.line, severity, message });
    if (row.language && row.language !== language) {
      at(
        "error",
        `says language "${row.language}", but the file is in ${language}; one file holds one language`,
      );
      continue;
    }
    const entry = byKey.get(row.key);
    if (!entry) {
      at(
        "error",
        row.key
          ? `\`${row.key}\` is not a text of the English (mistyped, or removed since the export); remove the row or export again`
          : "has a translation but no key",
      );
      continue;
    }
    if (seen.has(row.key)) {
      at("error", `\`${row.key}\` appears a second time (first at ${seen.get(row.key)}); keep one`);
      continue;
    }
    seen.set(row.key, row.line);
    const value = flattenTexts(current[entry.namespace] ?? {}).get(entry.path);
    const checked = checkRow(row, entry, value, options.by);
    if (!checked.ok) at("error", checked.message);
    else {
      if (checked.warning) at("warning", checked.warning);
      if (checked.plan.value !== undefined || checked.plan.state)
        plans.set(row.key, { entry, plan: checked.plan });
    }
  }
  return plans;
}

function apply(
  content: LocaleCatalog,
  language: string,
  plans: Map<string, Planned>,
  review: ReviewState,
  options: ImportOptions,
): string[] {
  const written: string[] = [];
  const resources = content.input.locales.resources;
  const base = resources[content.base] ?? {};
  const namespaces = new Map<string, Texts>();
  const on = options.today.toISOString().slice(0, 10);
  for (const [key, { entry, plan }] of plans) {
    if (plan.value !== undefined) {
      const texts =
        namespaces.get(entry.namespace) ??
        structuredClone((resources[language]?.[entry.namespace] ?? {}) as Texts);
      namespaces.set(
        entry.namespace,
        setText(texts, (base[entry.namespace] ?? {}) as Texts, entry.path, plan.value),
      );
    }
    if (plan.state)
      review.set(key, {
        state: plan.state,
        english: entry.englishHash,
        ...(plan.state === "reviewed" ? { ...(plan.by ? { by: plan.by } : {}), on } : {}),
      });
  }
  for (const [namespace, texts] of namespaces) {
    if (writeTexts(content.localesDir, language, namespace, texts))
      written.push(`${language}/${namespace}.json`);
  }
  const statesChanged = [...plans.values()].some((p) => p.plan.state);
  if (statesChanged && writeReviewState(content.localesDir, language, review))
    written.push(`${language}/review.yaml`);
  return written;
}
