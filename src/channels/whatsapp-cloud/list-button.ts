/**
 * The text on the button that opens an options list, in the person's language. It comes from the
 * locales (`common:list_button`, at most 20 characters); content without that text gets a symbol
 * every language reads, rather than an English word.
 */
import type { Translator } from "../../i18n/translator.ts";

export const listButtonKey = "common:list_button";

export function listButtonText(translator: Translator | null, language: string): string {
  if (!translator || !translator.has(translator.base, listButtonKey)) return "☰";
  return translator.t(language, listButtonKey);
}
