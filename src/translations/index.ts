/**
 * The translation workflow for other parts of the service (a console page can offer the same
 * export and import as the CLI, and show the same figures as `flows check`).
 */
export {
  exportTranslations,
  exportSelections,
  type ExportOptions,
  type ExportResult,
  type ExportSelection,
} from "./export-translations.ts";
export {
  importTranslations,
  formatImportProblem,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
} from "./import-translations.ts";
export { translationReview, staleWarnings, type LocaleReview } from "./review-report.ts";
export { formatNames, formatOfFile, extensions, type FormatName } from "./formats/index.ts";
export { withPseudoLocale, pseudoLocale } from "./pseudo-locale.ts";
