/**
 * Every kind of problem the content checker reports. Each has a broken fixture in
 * test/fixtures/broken/ that makes it fire at a known file:line (src/content/check-rules.test.ts
 * fails when a rule has none), so no rule can silently stop working.
 */
export const ruleIds = [
  // Reading files
  "unreadable-file",
  "yaml-syntax",
  "json-syntax",
  "smart-quotes",
  "schema",
  // Flows and settings
  "no-flows",
  "missing-settings",
  "duplicate-flow-id",
  "duplicate-node-id",
  "unknown-settings-flow",
  "unknown-flow",
  "unknown-node",
  "dead-end-option",
  "dead-end-last-node",
  "next-and-flow",
  "unreachable-node",
  "silent-loop",
  "flow-not-reached",
  "locale-not-offered",
  "unknown-variable-value",
  "unknown-fallback-country",
  // Channel limits
  "too-many-options",
  "duplicate-option-id",
  "callback-data-too-long",
  "label-too-long",
  "text-too-long",
  "text-long-for-whatsapp",
  // Texts and keywords
  "missing-base-text",
  "missing-required-text",
  "missing-translation",
  "placeholder-mismatch",
  "keyword-list-missing",
  "keyword-in-two-lists",
  "keyword-collision",
  "safeguarding-duplicate",
  "safeguarding-too-broad",
  "safeguarding-label-collision",
  // Locales
  "locale-not-in-manifest",
  "locale-not-object",
  "locale-without-folder",
  "base-locale-not-listed",
  // Referral directory
  "referral-country-mismatch",
  "duplicate-referral-id",
  "referral-stale",
  "referral-future-date",
  "referral-missing-essential",
  "referral-unknown-language",
] as const;

export type RuleId = (typeof ruleIds)[number];
