/**
 * What a typed message means at a question: a global keyword, one of the options, a
 * safeguarding alarm, or not understood. Returned as a tagged union, never thrown.
 *
 * Order matters: an exact keyword wins ("menu"), then an option (by number or label, so a label
 * that happens to contain "abuse" still works as an option), then safeguarding words anywhere
 * in the message ("my son is in danger"), then a help word anywhere ("please help me"): someone
 * asking for help in their own words gets the contacts rather than "I didn't understand".
 */
import type { FlowOption } from "../flows/definition/schema.ts";
import type { DangerMatcher } from "./danger-words.ts";
import { containsWord, normalise } from "./normalise.ts";
import { optionId } from "../flows/definition/index.ts";
import type { GlobalKeyword, KeywordTable } from "./types.ts";

export type TextMeaning =
  | { kind: "keyword"; keyword: GlobalKeyword }
  | { kind: "option"; option: FlowOption }
  | { kind: "safeguarding" }
  | { kind: "unknown" };

/** Typed prefixes shorter than this never pick an option ("s" must not mean "Signs"). */
const minPrefix = 3;

export function classifyText(
  text: string,
  options: readonly FlowOption[],
  keywords: KeywordTable,
  label: (key: string) => string,
  /** Further safeguarding matchers: the other languages of the person's country. */
  also: readonly DangerMatcher[] = [],
): TextMeaning {
  const said = normalise(text);
  const keyword = keywords.commands.get(said);
  if (keyword) return { kind: "keyword", keyword };
  const option = matchOption(said, options, label);
  if (option) return { kind: "option", option };
  if (mentionsDanger(text, [keywords.safeguarding, ...also])) return { kind: "safeguarding" };
  if (keywords.help.some((word) => asksForHelp(said, word))) return { kind: "keyword", keyword: "help" };
  return { kind: "unknown" };
}

function matchOption(
  said: string,
  options: readonly FlowOption[],
  label: (key: string) => string,
): FlowOption | undefined {
  if (!said) return undefined;
  if (/^\d+$/.test(said)) return options[Number(said) - 1];
  const labels = options.map((option) => ({ option, text: normalise(label(option.label)) }));
  const exact = labels.find((l) => l.text === said || optionId(l.option) === said);
  if (exact) return exact.option;
  if (said.length < minPrefix) return undefined;
  const prefixed = labels.filter((l) => l.text.startsWith(said));
  return prefixed.length === 1 ? prefixed[0]!.option : undefined;
}

/** Whether a message matches any of the safeguarding matchers (see danger-words.ts). */
export function mentionsDanger(text: string, matchers: readonly DangerMatcher[]): boolean {
  return matchers.some((matcher) => matcher.find(text) !== undefined);
}

/** Messages in scripts without spaces longer than this are not read as a plea for help. */
const shortPlea = 15;

/**
 * A help word as a plea: anywhere as a whole word in scripts with spaces ("please I need help");
 * in Thai or Lao, where "ช่วย" also starts everyday polite requests and sits inside other words,
 * only in a short message.
 */
function asksForHelp(said: string, word: string): boolean {
  if (!containsWord(said, word)) return false;
  return /^[a-z0-9 ]+$/.test(word) || [...said].length <= shortPlea;
}
