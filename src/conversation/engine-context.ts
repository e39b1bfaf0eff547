/** Builds the engine's context from loaded content: the only bridge between i18next and the engine. */
import type { EngineContext, FlowBundle } from "../engine/index.ts";
import type { Translator } from "../i18n/translator.ts";

export function createEngineContext(
  bundle: FlowBundle,
  translator: Translator,
  defaultLanguage?: string,
): EngineContext {
  const language =
    defaultLanguage && translator.languages.includes(defaultLanguage) ? defaultLanguage : translator.base;
  return {
    bundle,
    label: (lng, key) => translator.t(lng, key),
    keywords: (lng) => translator.keywords(lng),
    defaultLanguage: language,
    languages: translator.languages,
  };
}

/** Platform codes for the same language: Telegram and phones report Filipino as Tagalog (`tl`). */
const languageAliases: Record<string, string> = { tl: "fil" };

/**
 * Picks the supported locale for a platform's language hint (Telegram's `language_code`):
 * exact (`pt-BR`), then by language (`pt` -> `pt-BR`), else none.
 */
export function matchLanguage(hint: string | undefined, languages: readonly string[]): string | undefined {
  if (!hint) return undefined;
  const raw = hint.replace("_", "-").toLowerCase();
  const wanted = languageAliases[raw.split("-")[0]!] ?? raw;
  return (
    languages.find((l) => l.toLowerCase() === wanted) ??
    languages.find((l) => l.split("-")[0]!.toLowerCase() === wanted.split("-")[0])
  );
}
