/**
 * The text on the button that opens an options list, in the person's language. It comes from the
 * locales (`common:list_button`, at most 20 characters); content without that text gets a symbol
 * every language reads, rather than an English word.
 */
import type { ContentSource } from "../../conversation/content-source.ts";

export const listButtonKey = "common:list_button";

export function listButtonFromContent(content: ContentSource): (language: string) => string {
  return (language) => {
    const { translator } = content.current();
    return translator.has(translator.base, listButtonKey) ? translator.t(language, listButtonKey) : "☰";
  };
}
