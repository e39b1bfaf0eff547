/**
 * Checks keywords: every locale has the global keywords, no keyword means two things, and no
 * option label is also a keyword (typing it would trigger the keyword, not the option).
 */
import { join } from "node:path";
import { globalKeywords, normalise } from "../../engine/index.ts";
import type { Translator } from "../../i18n/translator.ts";
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";
import { textReferences } from "./text-references.ts";

export function checkKeywords(loaded: Loaded, translator: Translator): Problem[] {
  const problems: Problem[] = [];
  const { resources, sources } = loaded.locales;
  for (const language of translator.languages) {
    const list = resources[language]?.keywords as Record<string, unknown> | undefined;
    const source = sources.get(`${language}/keywords`);
    const file = source?.file ?? join(loaded.locales.dir, language, "keywords.json");
    const severity = language === translator.base ? "error" : "warning";
    const seen = new Map<string, string>();
    for (const keyword of [...globalKeywords, "safeguarding"]) {
      const words = list?.[keyword];
      if (!Array.isArray(words) || !words.length) {
        problems.push({
          file,
          line: source?.positionOf([keyword]).line ?? 1,
          col: 1,
          rule: "keyword-list-missing",
          severity,
          message: `keyword list \`${keyword}\` is missing or empty for ${language}`,
          locale: language,
        });
        continue;
      }
      words.forEach((word: unknown, i) => {
        const key = normalise(String(word));
        const other = seen.get(key);
        if (other && other !== keyword)
          problems.push({
            file,
            ...(source?.positionOf([keyword, i]) ?? { line: 1, col: 1 }),
            rule: "keyword-in-two-lists",
            severity: "warning",
            message: `"${String(word)}" is a keyword for both \`${other}\` and \`${keyword}\` in ${language}`,
            locale: language,
          });
        seen.set(key, keyword);
      });
    }
    const commands = translator.keywords(language).commands;
    for (const ref of textReferences(loaded.flows)) {
      if (!ref.isLabel || !translator.has(language, ref.key)) continue;
      const word = commands.get(normalise(translator.t(language, ref.key)));
      if (word)
        problems.push({
          file: ref.source.file,
          ...ref.source.positionOf(ref.path),
          rule: "keyword-collision",
          severity: "warning",
          message: `option label \`${ref.key}\` in ${language} is also the keyword for \`${word}\`; typing it will do \`${word}\` instead of choosing the option`,
          flow: ref.flow,
          node: ref.node,
          locale: language,
        });
    }
  }
  return problems;
}
