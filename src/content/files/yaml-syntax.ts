/**
 * Turns the YAML parser's first error into a hint a content writer can act on, pointing at the
 * place to fix (which is often not where the parser noticed: a missing colon is noticed on the
 * line's first word, a missing closing quote only lines later).
 */
import type { YAMLError } from "yaml";
import { smartQuoteMessage, smartQuotes } from "./json-syntax.ts";

export interface YamlHint {
  offset: number;
  message: string;
}

export function describeYamlError(text: string, error: YAMLError): YamlHint {
  const offset = error.pos[0];
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = endOfLine(text, offset);
  const line = text.slice(lineStart, lineEnd);
  const curly = line.search(smartQuotes);
  if (curly >= 0) return { offset: lineStart + curly, message: smartQuoteMessage(line[curly]!, '"') };
  switch (error.code) {
    case "MULTILINE_IMPLICIT_KEY":
    case "KEY_OVER_1024_CHARS": {
      // The parser took "type question" as the start of a long name: the colon after the first word is missing.
      const word = /^[\s-]*[^\s:]+/.exec(text.slice(offset, lineEnd));
      return {
        offset: offset + (word?.[0].length ?? 0),
        message: "a missing colon after the name? Write `name: value`, with a space after the colon",
      };
    }
    case "TAB_AS_INDENT":
      return { offset, message: "a tab at the start of the line: indent with spaces only" };
    case "DUPLICATE_KEY":
      return {
        offset,
        message: `\`${/^[^:]*/.exec(text.slice(offset, lineEnd))![0].trim()}\` is written twice here; keep one`,
      };
    case "MISSING_CHAR": {
      const quote = /Missing closing (["'])/.exec(error.message)?.[1];
      if (quote)
        return {
          offset: openQuoteLineEnd(text, offset, quote),
          message: `a missing quote at the end of this text? It starts with ${quote} but does not end with one`,
        };
      if (/without - indicator/.test(error.message))
        return {
          offset,
          message:
            "the spaces at the start of this line do not line up with the lines above: indent it like the other fields of the same item",
        };
      break;
    }
    case "BAD_INDENT":
      if (/end with a \}/.test(error.message))
        return { offset: offset - 1, message: "a missing } at the end of the line before?" };
      if (/end with a \]/.test(error.message))
        return { offset: offset - 1, message: "a missing ] at the end of the line before?" };
      return {
        offset,
        message:
          "the spaces at the start of this line do not line up with the lines above: indent it like the other fields of the same item",
      };
    case "BLOCK_AS_IMPLICIT_KEY":
      return { offset, message: "a missing colon, or a line indented too far?" };
  }
  return { offset, message: error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") };
}

function endOfLine(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end;
}

/** The end of the nearest line at or before `offset` with an unmatched `quote`: where the closing quote belongs. */
function openQuoteLineEnd(text: string, offset: number, quote: string): number {
  let end = text.lastIndexOf("\n", offset - 1);
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    if (text.slice(start, end).split(quote).length % 2 === 0) return end;
    end = start - 1;
  }
  return offset;
}
