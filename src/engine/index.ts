/** The pure flow engine: no I/O, no channel, storage or i18next code (enforced by eslint.config.js). */
export { step } from "./step.ts";
export { createFlowBundle } from "./bundle.ts";
export { freshState, parseSessionState, sessionStateSchema } from "./state.ts";
export { keywordTable, type KeywordLists } from "./keyword-table.ts";
export { normalise } from "./normalise.ts";
export { optionId } from "./nodes/question.ts";
export * from "./types.ts";
