/**
 * Checks the safeguarding lists (locales/<lng>/safeguarding.json): an entry written twice, an
 * entry so broad it would fire on ordinary answers, and an entry that is (nearly) a whole option
 * label, such as "yes" (typing that option anywhere but at its own question would show the contacts).
 * Also counts each locale's entries per category for the checker's report.
 */
import { join } from "node:path";
import { compileDangerWords, fold, parseEntry, type DangerEntry } from "../../engine/index.ts";
import type { Translator } from "../../i18n/translator.ts";
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";
import { textReferences } from "./text-references.ts";

/** Answers people type all the time; an entry matching several of them fires on almost anything. */
const probes = [
  "ok",
  "yes",
  "no",
  "1",
  "2",
  "hello",
  "thanks",
  "menu",
  "back",
  "my child is 8",
  "what should i do",
];
/** Probes one entry may match before it counts as matching every message. */
const probeLimit = 2;

export type SafeguardingSizes = Record<string, Record<string, number>>;

export function checkSafeguarding(
  loaded: Loaded,
  translator: Translator | null,
): { problems: Problem[]; sizes: SafeguardingSizes } {
  const problems: Problem[] = [];
  const sizes: SafeguardingSizes = {};
  const { resources, sources } = loaded.locales;
  for (const [language, resource] of Object.entries(resources)) {
    const lists = resource.safeguarding as Record<string, unknown> | undefined;
    if (!lists || typeof lists !== "object") continue;
    const source = sources.get(`${language}/safeguarding`);
    const file = source?.file ?? join(loaded.locales.dir, language, "safeguarding.json");
    const at = (category: string, index: number) =>
      source?.positionOf([category, index]) ?? { line: 1, col: 1 };
    const report = (category: string, index: number, rule: Problem["rule"], message: string) =>
      problems.push({ file, ...at(category, index), rule, severity: "warning", message, locale: language });
    const clean: Record<string, string[]> = {};
    const seen = new Map<string, string>();
    sizes[language] = {};
    for (const [category, list] of Object.entries(lists)) {
      const entries = Array.isArray(list) ? list.map(String) : [];
      clean[category] = entries;
      sizes[language][category] = entries.length;
      entries.forEach((raw, index) => {
        const entry = parseEntry(raw, category, index, () => 0);
        if (!entry) return;
        const key = entryKey(entry);
        const first = seen.get(key);
        if (first)
          report(
            category,
            index,
            "safeguarding-duplicate",
            `"${raw}" is already in the list (${first}) for ${language}`,
          );
        else seen.set(key, `${category}, "${raw}"`);
        const broad = tooShort(entry);
        if (broad)
          report(
            category,
            index,
            "safeguarding-too-broad",
            `"${raw}" ${broad} in ${language}: it would show the contacts for almost any message`,
          );
      });
    }
    const matcher = compileDangerWords(clean);
    const hits = new Map<string, number>();
    for (const probe of probes) {
      const hit = matcher.match(probe);
      if (hit)
        hits.set(
          `${hit.category}\u0000${hit.index}`,
          (hits.get(`${hit.category}\u0000${hit.index}`) ?? 0) + 1,
        );
    }
    for (const [where, count] of hits) {
      if (count <= probeLimit) continue;
      const [category, index] = where.split("\u0000") as [string, string];
      report(
        category,
        Number(index),
        "safeguarding-too-broad",
        `"${clean[category]![Number(index)]}" matches ${count} ordinary answers such as "ok" or "thanks" in ${language}: it would show the contacts for almost any message`,
      );
    }
    if (!translator) continue;
    const reported = new Set<string>();
    for (const ref of textReferences(loaded.flows)) {
      if (!ref.isLabel || !translator.has(language, ref.key)) continue;
      const label = translator.t(language, ref.key);
      const hit = matcher.match(label);
      // Only an entry that is (nearly) the whole label: "Sextortion & images" naming a harm is fine.
      if (!hit || !coversLabel(hit.raw, label)) continue;
      const once = hit && `${hit.category}\u0000${hit.index}\u0000${label}`;
      if (hit && once && !reported.has(once) && reported.add(once))
        report(
          hit.category,
          hit.index,
          "safeguarding-label-collision",
          `"${hit.raw}" matches the option label "${label}" (${ref.flow}/${ref.node}) in ${language}: typed at another question, that option's words would show the contacts`,
        );
    }
  }
  return { problems, sizes };
}

/** Whether the entry's letters make up at least 80 % of the label's. */
function coversLabel(raw: string, label: string): boolean {
  const letters = (text: string) => [...fold(text).replace(/[\s*+]/g, "")].length;
  return letters(raw) >= 0.8 * letters(label);
}

/** The entry as the matcher sees it: folded words, stems marked, parts in written order. */
function entryKey(entry: DangerEntry): string {
  return entry.parts.map((p) => p.words.map((w) => `${w.text}${w.stem ? "*" : ""}`).join(" ")).join(" + ");
}

/** Why an entry is too short to mean anything (a one-letter word, a stem under three letters), if it is. */
function tooShort(entry: DangerEntry): string | undefined {
  const words = entry.parts.flatMap((p) => p.words);
  if (words.length > 1) return undefined;
  const word = words[0]!;
  if (word.stem && [...word.text].length < 3) return "is a stem of fewer than three letters";
  if ([...word.text].length < 2) return "is a single letter";
  return undefined;
}
