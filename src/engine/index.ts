/** The pure flow engine: no I/O, no channel, storage or i18next code (enforced by eslint.config.js). */
export { step } from "./step.ts";
export { freshState, parseSessionState, sessionStateSchema } from "./state.ts";
export { keywordTable, type KeywordLists } from "./keyword-table.ts";
export { normalise } from "./normalise.ts";
/**
 * The safeguarding-list compiler stays in the engine, which matches every message with it, and is
 * exported for the content checker: the checker must judge an entry (too broad, written twice)
 * exactly as the engine will read it, so both use this one compiler rather than two copies.
 */
export {
  compileDangerWords,
  fold,
  parseEntry,
  type DangerEntryRef,
  type DangerMatcher,
  type Entry as DangerEntry,
} from "./danger-words.ts";
export * from "./types.ts";
