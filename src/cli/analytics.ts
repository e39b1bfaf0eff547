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
import { contentPaths, loadContent } from "../flows/load-content.ts";
import { describeFilterProblems, reportFiltersSchema } from "../analytics/report-filters.ts";
import { summaryReport, type SummaryReport } from "../analytics/summary-report.ts";
import type { Figure } from "../analytics/suppression.ts";

const usage =
  "Usage: npm run analytics -- report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel C] [--locale L] [--country CC] [--campaign X] [--json]";

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
      },
    });
  } catch (error) {
    write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals[0] !== "report" || positionals.length > 1) {
    write(usage);
    return 2;
  }
  const { json, ...rest } = values;
  const filters = reportFiltersSchema.safeParse(rest);
  if (!filters.success) {
    write(`${describeFilterProblems(filters.error)}\n${usage}`);
    return 2;
  }
  const config = env ? loadConfig(env) : loadConfig();
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
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    joinRunning: true,
    migrate: false,
  });
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
      (error as { code?: string }).code !== "42P01" &&
      !/analytics_counter.*does not exist/.test(String(error))
    )
      throw error;
    write(`No analytics tables in this database yet. Start the server once to create them.`);
    return 1;
  } finally {
    await db.close();
  }
}

/** Topics are the flows the main menu's options lead to; every flow if the content cannot be read. */
export function menuTopics(contentDir: string): ((flowId: string) => boolean) | undefined {
  const bundle = loadContent(contentPaths(contentDir)).bundle;
  const menu = bundle?.flows.get(bundle.settings.menu);
  if (!menu) return undefined;
  const topics = new Set(
    menu.nodes.flatMap((n) =>
      n.type === "question" ? n.options.flatMap((o) => (o.flow ? [o.flow] : [])) : [],
    ),
  );
  return (flowId) => topics.has(flowId);
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
