/**
 * One language's texts as a file a translator opens in their own tool (XLIFF 2.0, PO, XLSX or
 * CSV), with the English, the current translation, its review state, where it shows and its
 * limit. Returns the file's bytes, so the CLI writes them and a web page can offer them.
 */
import type { ContentPaths } from "../flows/load-content.ts";
import { formats, type FormatName } from "./formats/index.ts";
import { toExportRow } from "./formats/rows.ts";
import { loadLocaleCatalog } from "./locale-catalog.ts";

export const exportSelections = ["all", "missing", "stale"] as const;
export type ExportSelection = (typeof exportSelections)[number];

export interface ExportOptions {
  lang: string;
  format: FormatName;
  /** `missing`: texts without a translation; `stale`: texts whose English changed since. */
  only?: ExportSelection;
}

export type ExportResult = { ok: true; data: Buffer; count: number } | { ok: false; message: string };

export async function exportTranslations(paths: ContentPaths, options: ExportOptions): Promise<ExportResult> {
  const content = loadLocaleCatalog(paths);
  if (!content.input.locales.manifest)
    return {
      ok: false,
      message: `${paths.localesDir}/manifest.yaml is missing or invalid (npm run flows -- check says why)`,
    };
  if (options.lang === content.base)
    return {
      ok: false,
      message: `${options.lang} is the base language: every other language is translated from it`,
    };
  if (!content.locales.includes(options.lang))
    return {
      ok: false,
      message: `no locale "${options.lang}"; available: ${content.locales.filter((l) => l !== content.base).join(", ")}`,
    };
  const only = options.only ?? "all";
  const entries = content.catalog(options.lang).entries.filter((e) => only === "all" || e.state === only);
  const rows = entries.map((e) => toExportRow(e, options.lang));
  const data = await (
    await formats[options.format]()
  ).write(rows, { language: options.lang, base: content.base });
  return { ok: true, data, count: rows.length };
}
