/** Loads what exports, imports and the review figures read: flows (for context) and locales. */
import { loadLocales } from "../i18n/load-locales.ts";
import type { ContentPaths } from "../content/load-content.ts";
import { loadFlows } from "../flows/load-flows.ts";
import { buildCatalog, type CatalogEntry, type CatalogInput } from "./catalog.ts";
import { readReviewState, type ReviewState } from "./review-state.ts";

export interface LocaleCatalog {
  input: CatalogInput;
  base: string;
  locales: string[];
  localesDir: string;
  catalog(locale: string): { entries: CatalogEntry[]; review: ReviewState };
}

/** `loaded`: flows and locales the caller has already read (as `flows check` has), to read them once. */
export function loadLocaleCatalog(paths: ContentPaths, loaded?: CatalogInput): LocaleCatalog {
  const input = loaded ?? { flows: loadFlows(paths.flowsDir), locales: loadLocales(paths.localesDir) };
  const manifest = input.locales.manifest;
  return {
    input,
    base: manifest?.base ?? "en",
    locales: Object.keys(manifest?.locales ?? {}).filter((l) => input.locales.resources[l]),
    localesDir: paths.localesDir,
    catalog(locale) {
      const review = readReviewState(paths.localesDir, locale);
      return { entries: buildCatalog(input, locale, review), review };
    },
  };
}
