/** Every content check, in one place. Each check is a file of its own with its fixtures in test/. */
import type { Translator } from "../../i18n/translator.ts";
import type { Problem } from "../files/problem.ts";
import { checkChannelLimits, type ChannelDeclarations } from "./channel-limits.ts";
import { checkGraph } from "./graph.ts";
import { checkKeywords } from "./keywords.ts";
import type { Loaded } from "./loaded.ts";
import { checkPlaceholders } from "./placeholders.ts";
import { checkReach } from "./reach.ts";
import { checkReferrals } from "./referrals.ts";
import { checkSafeguarding } from "./safeguarding.ts";
import { checkTexts, type LocaleReport as TextsReport } from "./texts.ts";
import { checkVariables } from "./variables.ts";

/** A locale's translation coverage, and its safeguarding entries per category. */
export type LocaleReport = TextsReport & { safeguarding: Record<string, number> };

export type { Loaded } from "./loaded.ts";

export function checkContent(
  loaded: Loaded,
  translator: Translator | null,
  today: Date,
  channels: ChannelDeclarations,
): { problems: Problem[]; locales: LocaleReport[] } {
  const texts = checkTexts(loaded);
  const safeguarding = checkSafeguarding(loaded, translator);
  return {
    problems: [
      ...checkGraph(loaded.flows),
      ...checkReach(loaded),
      ...texts.problems,
      ...(translator
        ? [...checkChannelLimits(loaded.flows, translator, channels), ...checkKeywords(loaded, translator)]
        : []),
      ...checkReferrals(loaded, today),
      ...checkVariables(loaded),
      ...checkPlaceholders(loaded),
      ...safeguarding.problems,
    ],
    locales: texts.locales.map((l) => ({ ...l, safeguarding: safeguarding.sizes[l.locale] ?? {} })),
  };
}
