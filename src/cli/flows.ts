/**
 * `npm run flows -- check [dir]`: checks flows, locales and the referral directory the way the
 * server will load them, and prints problems as `file:line:col: severity: message`.
 * Exit 1 on any error, 0 otherwise.
 */
import { relative } from "node:path";
import { contentPaths, loadContent, type Content } from "../flows/load-content.ts";
import { formatProblem } from "../flows/problem.ts";
import { reviewSummary } from "../translations/review-report.ts";

const usage =
  "usage: npm run flows -- check [dir]   (dir: a folder with flows/ and locales/, or a flows folder; default: .)";

export function runFlowsCommand(args: readonly string[], out: (line: string) => void = console.log): number {
  const [command, dir = ".", ...rest] = args;
  if (command !== "check" || rest.length) {
    out(usage);
    return 2;
  }
  const content = loadContent(contentPaths(dir));
  for (const problem of content.problems)
    out(formatProblem({ ...problem, file: relative(process.cwd(), problem.file) || problem.file }));
  for (const line of localeTable(content)) out(line);
  const review = reviewSummary(contentPaths(dir), content.loaded);
  for (const w of review.warnings)
    out(`${relative(process.cwd(), w.file) || w.file}:${w.line}:1: warning: ${w.message}`);
  for (const line of review.table) out(line);
  for (const line of referralTable(content)) out(line);
  for (const line of safeguardingTable(content)) out(line);
  const errors = content.problems.filter((p) => p.severity === "error").length;
  const warnings = content.problems.length - errors + review.warnings.length;
  out(
    `${errors ? "✗" : "✓"} ${content.loaded.flows.flows.length} flows, ${content.loaded.referrals.directory.size} referral files, ${content.locales.length} locales: ${errors} error(s), ${warnings} warning(s)`,
  );
  return errors ? 1 : 0;
}

function localeTable(content: Content): string[] {
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
