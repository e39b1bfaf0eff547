/**
 * Reads locales/manifest.yaml and locales/<lng>/*.json. Each JSON file is one i18next namespace
 * named after the file (locales/en/menu.json holds the `menu:` texts).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readValidated } from "../content/files/read-validated.ts";
import type { Problem } from "../content/files/problem.ts";
import { readSourceFile, type SourceFile } from "../content/files/source-file.ts";

/**
 * Namespaces of the staff console (`console*.json`): staff texts, never loaded for the bot, so
 * parents never see them and the checker does not ask for their translation. The console reads
 * them itself (src/console/i18n/console-translator.ts).
 */
export const isStaffNamespace = (namespace: string): boolean => namespace.startsWith("console");

export const reviewStatuses = ["approved", "needs-native-review"] as const;

export const manifestSchema = z.strictObject({
  base: z.string(),
  fallback: z.record(z.string(), z.array(z.string())).default({ default: ["en"] }),
  locales: z.record(
    z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "must be a language code such as en, fil or pt-BR"),
    z.strictObject({ name: z.string(), review: z.enum(reviewStatuses) }),
  ),
});
export type LocaleManifest = z.infer<typeof manifestSchema>;

/** Namespace -> nested texts, per locale. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export interface LoadedLocales {
  /** The locales folder, for reporting problems in files that are missing. */
  dir: string;
  manifest: LocaleManifest | null;
  /** manifest.yaml as parsed, for positions of its entries (null when it did not load). */
  manifestSource: SourceFile | null;
  resources: Resources;
  /** `${locale}/${namespace}` -> parsed file, for positions of keys. */
  sources: Map<string, SourceFile>;
  problems: Problem[];
}

export function loadLocales(dir: string): LoadedLocales {
  const problems: Problem[] = [];
  const resources: Resources = {};
  const sources = new Map<string, SourceFile>();
  const { manifest, source: manifestSource } = loadManifest(dir, problems);
  const dirs = existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => statSync(join(dir, d)).isDirectory())
        .sort()
    : [];
  for (const locale of dirs) {
    if (manifest && !manifest.locales[locale]) {
      problems.push({
        file: join(dir, locale),
        line: 1,
        col: 1,
        rule: "locale-not-in-manifest",
        severity: "warning",
        message: `locale \`${locale}\` is not listed in manifest.yaml, so it is not offered`,
        locale,
      });
      continue;
    }
    resources[locale] = {};
    for (const name of readdirSync(join(dir, locale))
      .filter((f) => f.endsWith(".json") && !isConsoleNamespace(f))
      .sort()) {
      const parsed = readSourceFile(join(dir, locale, name));
      if (!parsed.ok) {
        problems.push({ ...parsed.problem, locale });
        continue;
      }
      if (
        typeof parsed.source.data !== "object" ||
        parsed.source.data === null ||
        Array.isArray(parsed.source.data)
      ) {
        problems.push({
          file: parsed.source.file,
          line: 1,
          col: 1,
          rule: "locale-not-object",
          severity: "error",
          message: 'must be a JSON object of texts: { "key": "text" }',
          locale,
        });
        continue;
      }
      const ns = name.replace(/\.json$/, "");
      resources[locale][ns] = parsed.source.data as Record<string, unknown>;
      sources.set(`${locale}/${ns}`, parsed.source);
    }
  }
  if (manifest) addLanguageNames(manifest, resources);
  if (manifest) {
    for (const locale of Object.keys(manifest.locales)) {
      if (!resources[locale])
        problems.push({
          file: join(dir, "manifest.yaml"),
          line: 1,
          col: 1,
          rule: "locale-without-folder",
          severity: "error",
          message: `locale \`${locale}\` is listed but has no folder locales/${locale}`,
          locale,
        });
    }
  }
  return { dir, manifest, manifestSource, resources, sources, problems };
}

/**
 * The staff console's texts (locales/<lng>/console*.json) sit beside the bot's but are not what
 * the bot says: they are left out of the content, its checks and its coverage.
 */
export function isConsoleNamespace(fileName: string): boolean {
  return /^console[a-z_]*\.json$/.test(fileName);
}

function loadManifest(
  dir: string,
  problems: Problem[],
): { manifest: LocaleManifest | null; source: SourceFile | null } {
  const file = join(dir, "manifest.yaml");
  const parsed = readValidated(file, manifestSchema);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return { manifest: null, source: null };
  }
  const manifest = parsed.value;
  if (!manifest.locales[manifest.base]) {
    problems.push({
      file,
      ...parsed.source.positionOf(["base"]),
      rule: "base-locale-not-listed",
      severity: "error",
      message: `base locale \`${manifest.base}\` is not listed under locales`,
    });
    return { manifest: null, source: null };
  }
  return { manifest, source: parsed.source };
}

/**
 * Language names come from the manifest, so a new language needs no edit in every locale: the
 * `languages:` texts (`languages:pt_BR` is "Português (Brasil)") are each language's name for
 * itself, the same in every locale. A locale's own languages.json, if it has one, still wins.
 */
function addLanguageNames(manifest: LocaleManifest, resources: Resources): void {
  const names = Object.fromEntries(
    Object.entries(manifest.locales).map(([code, info]) => [languageKey(code), info.name]),
  );
  for (const texts of Object.values(resources)) texts.languages = { ...names, ...texts.languages };
}

/** The text key of a language's name: `pt-BR` -> `pt_BR` (i18next keys cannot hold `-` safely across tools). */
export function languageKey(code: string): string {
  return code.replace("-", "_");
}

/** Flattens nested texts to dotted keys: { a: { b: "x" } } -> { "a.b": "x" }. Arrays stay whole. */
export function flattenTexts(texts: Record<string, unknown>, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(texts)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of flattenTexts(value as Record<string, unknown>, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}
