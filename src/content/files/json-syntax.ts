/**
 * Finds the first syntax mistake in a JSON file and names it the way a person would fix it
 * ("a comma after the last item?"). JSON.parse's own messages name the parser's expectation, not
 * the writer's slip, carry no position for some mistakes, and change between Node versions; this
 * small scanner follows the JSON grammar (RFC 8259) and stops at the first thing that breaks it.
 */

export type JsonSlip =
  | "trailing-comma"
  | "missing-comma"
  | "missing-colon"
  | "unquoted-name"
  | "unterminated-string"
  | "smart-quote"
  | "bad-escape"
  | "unexpected-end"
  | "extra-text"
  | "unexpected";

export interface JsonSyntaxError {
  slip: JsonSlip;
  /** Offset of the character to put the caret under. */
  offset: number;
  /** The character found there, for "unexpected" and "smart-quote". */
  found?: string;
}

export const smartQuotes = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB]/;

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const stop = (slip: JsonSlip, offset = i): never => {
    throw new Stop({ slip, offset, found: text[offset] });
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === "\\") {
        if (!'"\\/bfnrtu'.includes(text[i + 1] ?? "")) stop("bad-escape");
        i += 2;
        continue;
      }
      if (c === "\n" || c === "\r") {
        // A text that runs to the end of its line: its closing quote is missing or curly.
        const curly = text.slice(start, i).search(smartQuotes);
        stop(curly >= 0 ? "smart-quote" : "unterminated-string", curly >= 0 ? start + curly : i);
      }
      i++;
    }
    stop("unterminated-string", i);
  };
  const unexpected = (): never => {
    if (i >= text.length) stop("unexpected-end");
    return stop(smartQuotes.test(text[i]!) ? "smart-quote" : "unexpected");
  };
  const container = (close: "}" | "]") => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      ws();
      if (close === "}") {
        if (text[i] === '"') string();
        else if (i < text.length && !smartQuotes.test(text[i]!) && text[i] !== "}") stop("unquoted-name");
        else unexpected();
        const afterName = i;
        ws();
        if (text[i] !== ":") stop("missing-colon", afterName);
        i++;
      }
      value();
      const afterValue = i;
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ",") {
        if (i >= text.length) stop("unexpected-end");
        if (smartQuotes.test(text[i]!)) stop("smart-quote");
        stop("missing-comma", afterValue);
      }
      const comma = i++;
      ws();
      if (text[i] === "}" || text[i] === "]") stop("trailing-comma", comma);
    }
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") return container("}");
    if (c === "[") return container("]");
    if (c === '"') return string();
    const literal = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = i;
    if (c !== undefined && literal.test(text)) return void (i = literal.lastIndex);
    unexpected();
  };
  try {
    value();
    ws();
    if (i < text.length) stop("extra-text");
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    throw error;
  }
}

const quoteNames: Record<string, string> = {
  "\u2018": "‘ (left single quotation mark)",
  "\u2019": "’ (right single quotation mark)",
  "\u201A": "‚ (low single quotation mark)",
  "\u201B": "‛ (reversed single quotation mark)",
  "\u201C": "“ (left double quotation mark)",
  "\u201D": "” (right double quotation mark)",
  "\u201E": "„ (low double quotation mark)",
  "\u201F": "‟ (reversed double quotation mark)",
  "\u00AB": "« (guillemet)",
  "\u00BB": "» (guillemet)",
};

/** The sentence for a curly quote where a straight one belongs; word processors make them. */
export function smartQuoteMessage(found: string, straight: string): string {
  return `uses the curly quote ${quoteNames[found] ?? found} where a straight quote ${straight} belongs: word processors and some phones change quotes as you type; type it again as ${straight}`;
}

/** What to tell the writer for each slip; the caret shows where. */
export function describeJsonSlip(error: JsonSyntaxError): string {
  switch (error.slip) {
    case "trailing-comma":
      return "a comma after the last item? Remove this comma: JSON allows none before } or ]";
    case "missing-comma":
      return "a missing comma? Put a comma after this text, before the next one";
    case "missing-colon":
      return 'a missing colon after the name? Write "name": "text"';
    case "unquoted-name":
      return 'a missing quote? Names are written in straight double quotes: "name": "text"';
    case "unterminated-string":
      return 'a missing quote at the end of this text? Every text starts and ends with "';
    case "smart-quote":
      return smartQuoteMessage(error.found ?? "", '"');
    case "bad-escape":
      return "a backslash \\ that JSON does not allow here: write \\\\ for a backslash, \\n for a new line";
    case "unexpected-end":
      return "the file ends too early: a missing } or ] at the end?";
    case "extra-text":
      return "there is more after the last closing }: an extra } or ], or text outside the braces?";
    case "unexpected":
      return /[\p{L}\p{N}]/u.test(error.found ?? "")
        ? `a missing quote? Texts are written in straight double quotes, "like this"`
        : `\`${error.found}\` does not belong here`;
  }
}
