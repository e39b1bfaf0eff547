/**
 * Per-locale review figures: how much is translated, how much a native speaker has reviewed,
 * and what went stale (the English changed since), with safety-critical texts counted apart.
 * `npm run flows -- check` prints them; the staff console can show the same figures.
 */
import { join } from "node:path";
import type { ContentPaths } from "../content/load-content.ts";
import { loadLocaleCatalog } from "./locale-catalog.ts";
import { existsSync, readFileSync } from "node:fs";
import { lineOf } from "./formats/line-of.ts";
import { ReviewFileError, reviewFileName } from "./review-state.ts";
import type { CatalogEntry, CatalogInput } from "./catalog.ts";

export interface ReviewCounts {
  total: number;
  translated: number;
  reviewed: number;
  stale: number;
}

export interface LocaleReview extends ReviewCounts {
  locale: string;
  /** 0-100, rounded down so 99.6 % never shows as 100 %. */
  coverage: number;
  reviewedPercent: number;
  staleKeys: string[];
  /** The same counts over safety-critical texts only. */
  safety: ReviewCounts & { staleKeys: string[] };
}

export interface ReviewWarning {
  file: string;
  line: number;
  locale: string;
  message: string;
}

const percent = (part: number, whole: number) => (whole ? Math.floor((part * 100) / whole) : 100);

function counts(entries: CatalogEntry[]): ReviewCounts & { staleKeys: string[] } {
  const staleKeys = entries.filter((e) => e.state === "stale").map((e) => e.key);
  return {
    total: entries.length,
    translated: entries.filter((e) => e.state !== "missing").length,
    reviewed: entries.filter((e) => e.state === "reviewed").length,
    stale: staleKeys.length,
    staleKeys,
  };
}

/** Figures for every locale but the base one, in manifest order. */
export function translationReview(paths: ContentPaths, loaded?: CatalogInput): LocaleReview[] {
  const content = loadLocaleCatalog(paths, loaded);
  return content.locales
    .filter((l) => l !== content.base)
    .map((locale) => {
      const { entries } = content.catalog(locale);
      const all = counts(entries);
      return {
        locale,
        ...all,
        coverage: percent(all.translated, all.total),
        reviewedPercent: percent(all.reviewed, all.total),
        safety: counts(entries.filter((e) => e.safetyCritical)),
      };
    });
}

/** One warning per locale with stale texts (not one per key, so the checker's output stays short). */
export function staleWarnings(paths: ContentPaths, reviews: readonly LocaleReview[]): ReviewWarning[] {
  return reviews
    .filter((r) => r.stale)
    .map((r) => {
      // Safety-critical keys first and marked, so the ones that matter most are never cut off.
      const critical = new Set(r.safety.staleKeys);
      const keys = [...r.safety.staleKeys, ...r.staleKeys.filter((k) => !critical.has(k))];
      const shown = keys
        .slice(0, 5)
        .map((k) => (critical.has(k) ? `${k} (safety-critical)` : k))
        .join(", ");
      const more = r.stale > 5 ? `, and ${r.stale - 5} more` : "";
      const safety = r.safety.stale ? ` (${r.safety.stale} safety-critical)` : "";
      const file = join(paths.localesDir, r.locale, reviewFileName);
      const text = existsSync(file) ? readFileSync(file, "utf8") : "";
      return {
        file,
        line: lineOf(text, `${keys[0]}:`),
        locale: r.locale,
        message: `${r.stale} text(s) in ${r.locale} changed in English since they were translated${safety}: ${shown}${more}. Export them with: npm run translations -- export --lang ${r.locale} --only stale`,
      };
    });
}

/** The table `flows check` prints under the locales. */
export function reviewTable(reviews: readonly LocaleReview[]): string[] {
  if (!reviews.length) return [];
  return [
    "",
    "Review (per text; safety-critical texts counted apart):",
    ...reviews.map(
      (r) =>
        `  ${r.locale.padEnd(6)} translated ${`${r.coverage}%`.padStart(4)}  reviewed ${`${r.reviewedPercent}%`.padStart(4)}  stale ${String(r.stale).padStart(3)}   safety-critical: ${r.safety.reviewed}/${r.safety.total} reviewed, ${r.safety.stale} stale`,
    ),
  ];
}

/** What `flows check` adds: stale warnings (one line per locale) and the review table. */
export function reviewSummary(
  paths: ContentPaths,
  loaded?: CatalogInput,
): { warnings: ReviewWarning[]; table: string[] } {
  try {
    const reviews = translationReview(paths, loaded);
    return { warnings: staleWarnings(paths, reviews), table: reviewTable(reviews) };
  } catch (error) {
    if (!(error instanceof ReviewFileError)) throw error;
    const message = `cannot be read as a review file (${error.reason}); fix it, or delete it to count its texts as drafts`;
    return { warnings: [{ file: error.file, line: 1, locale: "", message }], table: [] };
  }
}
