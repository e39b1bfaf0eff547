/**
 * Loads everything programme staff edit (flows, referral directory, locales), checks it, and
 * builds the immutable bundle the engine runs on. The same function serves `flows check`, the
 * staff chat, the server at start-up and hot reload, so they can never disagree.
 */
import { basename, join, resolve } from "node:path";
import { createFlowBundle, type FlowBundle } from "../flows/definition/index.ts";
import { loadLocales, type LoadedLocales } from "../i18n/load-locales.ts";
import { createTranslator, type Translator } from "../i18n/translator.ts";
import { loadReferrals, type LoadedReferrals } from "../referrals/load-referrals.ts";
import type { ChannelDeclarations } from "./checks/channel-limits.ts";
import { checkContent, type LocaleReport } from "./checks/index.ts";
import { loadFlows, type LoadedFlows } from "../flows/load-flows.ts";
import { hasErrors, sortProblems, type Problem } from "./files/problem.ts";

const unreadableRules = new Set<string>([
  "unreadable-file",
  "yaml-syntax",
  "json-syntax",
  "smart-quotes",
  "locale-not-object",
]);

export interface ContentPaths {
  flowsDir: string;
  localesDir: string;
}

export interface Content {
  /** Null when any error was found: a broken bundle is never served. */
  bundle: FlowBundle | null;
  translator: Translator | null;
  problems: Problem[];
  locales: LocaleReport[];
  loaded: { flows: LoadedFlows; referrals: LoadedReferrals; locales: LoadedLocales };
}

/** `dir` may be a content root holding flows/ and locales/, or a flows directory beside locales/. */
export function contentPaths(dir: string): ContentPaths {
  return basename(resolve(dir)) === "flows"
    ? { flowsDir: dir, localesDir: join(dir, "..", "locales") }
    : { flowsDir: join(dir, "flows"), localesDir: join(dir, "locales") };
}

export interface LoadOptions {
  /** What the channels declare (src/channels/limits.ts): questions and texts are checked against it. */
  channels: ChannelDeclarations;
  today?: Date;
}

export function loadContent(paths: ContentPaths, options: LoadOptions): Content {
  const flows = loadFlows(paths.flowsDir);
  const referrals = loadReferrals(join(paths.flowsDir, "referrals"));
  const locales = loadLocales(paths.localesDir);
  const loaded = { flows, referrals, locales };
  const problems = [...flows.problems, ...referrals.problems, ...locales.problems];
  let translator: Translator | null = null;
  try {
    translator = locales.manifest ? createTranslator(locales) : null;
  } catch {
    translator = null;
  }
  const checked = checkContent(loaded, translator, options.today ?? new Date(), options.channels);
  // A file that could not be read is reported once, at the mistake; nothing else is said about it.
  const unreadable = new Set(problems.filter((p) => unreadableRules.has(p.rule)).map((p) => p.file));
  problems.push(...checked.problems.filter((p) => !unreadable.has(p.file)));
  const sorted = sortProblems(problems);
  const ok = !hasErrors(sorted) && flows.settings && translator;
  const bundle: FlowBundle | null = ok
    ? createFlowBundle(
        flows.flows.map((f) => f.flow),
        flows.settings!.value,
        referrals.directory,
      )
    : null;
  return { bundle, translator: ok ? translator : null, problems: sorted, locales: checked.locales, loaded };
}
