/**
 * Per-locale review figures shown beside coverage: the share of texts a native speaker has
 * reviewed, and how many reviewed texts went stale (their English changed after the review).
 *
 * This is the one place those figures enter the content-health page. Per-text review state is
 * kept beside the locales; until a reader of it is wired in, `noReviewFigures` answers "not
 * tracked yet" (null) and the page shows each locale's manifest status, which exists today.
 * A real implementation takes the same per-locale list and returns one entry per locale.
 */
import type { LocaleReport } from "../../content/checks/index.ts";

export interface LocaleReview {
  locale: string;
  /** 0-100, or null when review state is not tracked per text. */
  reviewedPercent: number | null;
  /** Reviewed texts whose English changed since, or null when not tracked. */
  stale: number | null;
  /** Safety-critical texts (safeguarding, contacts, privacy, keywords) among the stale ones. */
  staleSafetyCritical?: number | null;
}

export type ReviewFigures = (locales: readonly LocaleReport[]) => LocaleReview[];

export const noReviewFigures: ReviewFigures = (locales) =>
  locales.map((l) => ({ locale: l.locale, reviewedPercent: null, stale: null }));
