/**
 * `npm run flows -- check [dir] [--errors-only] [--verbose]`: checks flows, locales and the
 * referral directory the way the server will load them, and prints problems as
 * `file:line:col: severity: message` (with the line and a caret under the mistake for syntax
 * errors). Errors are listed one by one; warnings are summed up by kind unless `--verbose`, so the
 * one real error is not buried under twenty "not translated yet" lines. Exit 1 on any error.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { contentPaths, loadContent, type Content } from "../content/load-content.ts";
import { formatExcerpt, formatProblem, type Problem } from "../content/files/problem.ts";
import { reviewSummary } from "../translations/review-report.ts";
import { channelDeclarations } from "../channels/limits.ts";

export const flowsUsage = `usage: npm run flows -- check [dir] [--errors-only] [--verbose]

Checks flows/, locales/ and flows/referrals/ as the server would load them.
  dir            a folder holding flows/ and locales/, or a flows folder (default: .)
  --errors-only  print errors only (no warnings, no tables)
  --verbose      print every warning one by one, and the referral directory
  --help         this text
Exit code 0 without errors, 1 with errors, 2 for a wrong command.`;

export function runFlowsCommand(args: readonly string[], out: (line: string) => void = console.log): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        "errors-only": { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    out(`${(error as Error).message}\n\n${flowsUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(flowsUsage);
    return 0;
  }
  const [command, dir = ".", ...rest] = positionals;
  if (command !== "check" || rest.length) {
    out(flowsUsage);
    return 2;
  }
  const content = loadContent(contentPaths(dir), { channels: channelDeclarations });
  const shown = (p: Problem): Problem => ({ ...p, file: relative(process.cwd(), p.file) || p.file });
  const errors = content.problems.filter((p) => p.severity === "error");
  const review = reviewSummary(contentPaths(dir), content.loaded);
  const warnings = content.problems.filter((p) => p.severity === "warning");
  // Stale translations are reported per locale, pointing at its review file.
  const staleLines = review.warnings.map(
    (w) => `${relative(process.cwd(), w.file) || w.file}:${w.line}:1: warning: ${w.message}`,
  );
  for (const problem of errors)
    for (const line of [formatProblem(shown(problem)), ...formatExcerpt(problem)]) out(line);
  if (!values["errors-only"]) {
    const lines = values.verbose
      ? warnings.map((p) => formatProblem(shown(p)))
      : warningSummary(warnings.map(shown));
    for (const line of lines) out(line);
    for (const line of staleLines) out(line);
    for (const line of localeTable(content)) out(line);
    for (const line of review.table) out(line);
    if (values.verbose) for (const line of referralTable(content)) out(line);
    if (values.verbose) for (const line of safeguardingTable(content)) out(line);
  }
  out(
    `${errors.length ? "✗" : "✓"} ${content.loaded.flows.flows.length} flows, ${content.loaded.referrals.directory.size} referral files, ${content.locales.length} locales: ${errors.length} error(s), ${warnings.length + staleLines.length} warning(s)`,
  );
  return errors.length ? 1 : 0;
}

/** One line per kind of warning: the first of its kind, and how many more there are. */
export function warningSummary(warnings: readonly Problem[]): string[] {
  const byRule = new Map<string, Problem[]>();
  for (const w of warnings) byRule.set(w.rule, [...(byRule.get(w.rule) ?? []), w]);
  const lines = [...byRule].map(([rule, [first, ...more]]) =>
    more.length
      ? `${formatProblem(first!)} (+${more.length} more ${rule} warning(s))`
      : formatProblem(first!),
  );
  if (lines.length < warnings.length)
    lines.push("(warnings of one kind are counted; --verbose lists each one)");
  return lines;
}

/** Coverage of each locale, one line each: the place to add per-locale facts. */
export function localeTable(content: Content): string[] {
  if (!content.locales.length) return [];
  return [
    "",
    "Locales (texts translated from the base locale):",
    ...content.locales.map(
      (l) =>
        `  ${l.locale.padEnd(6)} ${l.name.padEnd(18)} ${`${l.coverage}%`.padStart(4)}  ${`${l.translated}/${l.total}`.padEnd(9)} ${l.review}`,
    ),
  ];
}

/** Entries per category of each locale's safeguarding lists, so a thin list is easy to spot. */
function safeguardingTable(content: Content): string[] {
  const listed = content.locales.filter((l) => Object.keys(l.safeguarding).length);
  if (!listed.length) return [];
  return [
    "",
    "Safeguarding lists (entries per category):",
    ...listed.map(
      (l) =>
        `  ${l.locale.padEnd(6)} ${Object.entries(l.safeguarding)
          .map(([category, n]) => `${category}×${n}`)
          .join(" ")}`,
    ),
  ];
}

function referralTable(content: Content): string[] {
  const directory = content.loaded.referrals.directory;
  if (!directory.size) return [];
  const lines = ["", "Referral directory (kind: entries, oldest verification):"];
  for (const [country, file] of [...directory].sort(([a], [b]) => a.localeCompare(b))) {
    const kinds = [...new Set(file.entries.map((e) => e.kind))].map(
      (kind) => `${kind}×${file.entries.filter((e) => e.kind === kind).length}`,
    );
    const oldest = file.entries.map((e) => e.verified_on).sort()[0] ?? "-";
    lines.push(
      `  ${country.padEnd(13)} ${file.name.padEnd(20)} ${kinds.join(" ") || "(no entries)"}  verified ${oldest}`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(runFlowsCommand(process.argv.slice(2)));
