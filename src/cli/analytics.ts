/**
 * `npm run analytics -- report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel C] [--locale L]
 * [--country CC] [--campaign X] [--json]`: the summary report in the terminal, with the same
 * suppression as the admin API. It opens the database the server uses (DATABASE_URL, or the
 * embedded one in DATA_DIR); while the server runs, it reads through the server's embedded one.
 * It only reads: it never migrates, and never creates a database where there is none (a mistyped
 * DATA_DIR says so instead of printing an empty report). Topics are the menu's, read from
 * CONTENT_DIR.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/config.ts";
import { createCounterStore } from "../analytics/counter-store.ts";
import { openDatabase } from "../analytics/database.ts";
import { runningHolder } from "../analytics/embedded-postgres.ts";
import { contentPaths, loadContent } from "../content/load-content.ts";
import { describeDatabaseError } from "../analytics/describe-database-error.ts";
import {
  describeFilterProblems,
  reportFiltersSchema,
  simulatorChannel,
  type ReportFilters,
} from "../analytics/report-filters.ts";
import { ConfigError } from "../config/config.ts";
import { summaryReport, type SummaryReport } from "../analytics/summary-report.ts";
import type { Figure } from "../analytics/suppression.ts";
import { channelDeclarations } from "../channels/limits.ts";

const usage = `Usage: npm run analytics -- report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel C] [--locale L] [--country CC] [--campaign X] [--json]

Prints the anonymous summary report of the database the server uses (DATABASE_URL, or the
embedded one in DATA_DIR), with figures under ANALYTICS_MIN_COUNT suppressed.
  --from, --to   first and last UTC day, like 2026-01-31 (both included)
  --channel      ${knownChannels().join(", ")} (${simulatorChannel} is left out unless asked for)
  --locale       a locale of CONTENT_DIR's locales/manifest.yaml, like en or pt-BR
  --country      a country with a referral file, like NL
  --campaign     a campaign listed in flows/settings.yaml
  --json         the report as JSON
  --help         this text`;

/** Channel names as analytics records them. */
function knownChannels(): string[] {
  return ["telegram", "whatsapp_web", "whatsapp_cloud", simulatorChannel];
}

/** Runs the command; returns the exit code. Exported for tests. */
export async function runAnalyticsCli(
  args: string[],
  write: (text: string) => void,
  env?: Record<string, string | undefined>,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        channel: { type: "string" },
        locale: { type: "string" },
        country: { type: "string" },
        campaign: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help) {
    write(usage);
    return 0;
  }
  if (positionals[0] !== "report" || positionals.length > 1) {
    write(usage);
    return 2;
  }
  const { json, help: _help, ...rest } = values;
  const filters = reportFiltersSchema.safeParse(rest);
  if (!filters.success) {
    write(`${describeFilterProblems(filters.error)}\n${usage}`);
    return 2;
  }
  let config;
  try {
    config = env ? loadConfig(env) : loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    write(error.message);
    return 2;
  }
  const unknown = unknownFilterValues(filters.data, config.CONTENT_DIR);
  if (unknown) {
    write(unknown);
    return 2;
  }
  if (
    !config.DATABASE_URL &&
    !existsSync(join(config.DATA_DIR, "pglite")) &&
    !runningHolder(config.DATA_DIR)
  ) {
    write(
      `No analytics database in DATA_DIR (${config.DATA_DIR}). Check DATA_DIR, or start the server once to create it.`,
    );
    return 1;
  }
  let db;
  try {
    db = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      joinRunning: true,
      migrate: false,
    });
  } catch (error) {
    write(`No report: ${describeDatabaseError(error, config.DATABASE_URL).sentence}`);
    return 1;
  }
  try {
    const report = await summaryReport(
      createCounterStore(db.prisma),
      filters.data,
      config.ANALYTICS_MIN_COUNT,
      { isTopic: menuTopics(config.CONTENT_DIR) },
    );
    write(json ? JSON.stringify(report, null, 2) : formatSummary(report));
    return 0;
  } catch (error) {
    if (
      (error as { code?: string }).code === "42P01" ||
      /analytics_counter.*does not exist/.test(String(error))
    ) {
      write(`No analytics tables in this database yet. Start the server once to create them.`);
      return 1;
    }
    // Prisma wraps the driver's error ("Invalid prisma.$queryRaw() invocation: ..."); say its cause.
    write(`No report: ${describeDatabaseError(error, config.DATABASE_URL).sentence}`);
    return 1;
  } finally {
    await db.close();
  }
}

/**
 * A channel, locale or country that cannot appear in the figures would silently show zeros
 * (`--channel telegrm`): name it and list what exists. Locales and countries come from the content.
 */
function unknownFilterValues(filters: ReportFilters, contentDir: string): string | null {
  const content = loadContent(contentPaths(contentDir), { channels: channelDeclarations });
  const known: Array<[keyof ReportFilters, string[]]> = [
    ["channel", knownChannels()],
    ["locale", Object.keys(content.loaded.locales.manifest?.locales ?? {})],
    ["country", [...content.loaded.referrals.directory.keys()]],
  ];
  for (const [name, values] of known) {
    const value = filters[name];
    if (value && values.length && !values.includes(value))
      return `--${name} ${value} is not a ${name} Guardline knows; use one of: ${values.join(", ")}`;
  }
  return null;
}

/** Topics are the flows the main menu's options lead to; every flow if the content cannot be read. */
export function menuTopics(contentDir: string): ((flowId: string) => boolean) | undefined {
  const topics = loadContent(contentPaths(contentDir), { channels: channelDeclarations }).bundle?.topics;
  return topics && ((flowId) => topics.has(flowId));
}

const show = (f: Figure | null) => (f === null ? "-" : f === "suppressed" ? "<suppressed>" : String(f));
const pct = (f: Figure | null) => (typeof f === "number" ? `${Math.round(f * 1000) / 10}%` : show(f));

export function formatSummary(r: SummaryReport): string {
  const scope =
    Object.entries(r.filters)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ") || "all time, all channels except simulator";
  const rows: Array<[string, string]> = [
    ["Conversations started", show(r.conversations.started)],
    ["Conversations completed", show(r.conversations.completed)],
    ["Completion rate", pct(r.conversations.completionRate)],
    ["Safeguarding interrupts", show(r.safeguardingInterrupts)],
  ];
  const lines = [
    `Guardline analytics (${scope}); figures under ${r.minCount} are suppressed`,
    "",
    ...table(["Figure", "Count"], rows),
  ];
  if (r.topics.length)
    lines.push(
      "",
      ...table(
        ["Topic (flow)", "Started", "Completed"],
        r.topics.map((t) => [t.flow, show(t.started), show(t.completed)]),
      ),
    );
  if (r.referrals.length)
    lines.push(
      "",
      ...table(
        ["Referral kind", "Directory", "Shown"],
        r.referrals.map((x) => [x.kind, x.directory, show(x.shown)]),
      ),
    );
  if (r.perDay.length)
    lines.push(
      "",
      ...table(
        ["Day (UTC)", "Started", "Completed"],
        r.perDay.map((d) => [d.day, show(d.started), show(d.completed)]),
      ),
    );
  return lines.join("\n");
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

async function main(): Promise<void> {
  try {
    process.exitCode = await runAnalyticsCli(process.argv.slice(2), (text) =>
      process.stdout.write(`${text}\n`),
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
