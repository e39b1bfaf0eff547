/**
 * Overview dashboard (GET /console): conversations per day (chart and table), completion rate,
 * safeguarding interrupts, referrals by kind and country, topics and helpfulness answers for a
 * period and filters, beside the period before it. The figures are the admin API's
 * (summaryReport, flowReport) with the same suppression; GET /console/export.csv is the same CSV.
 */
import { Hono } from "hono";
import { raw } from "hono/html";
import { csvExport } from "../../analytics/csv-export.ts";
import { flowReport } from "../../analytics/flow-report.ts";
import {
  describeFilterProblems,
  reportFiltersSchema,
  type ReportFilters,
} from "../../analytics/report-filters.ts";
import { summaryReport, type SummaryReport } from "../../analytics/summary-report.ts";
import type { Figure } from "../../analytics/suppression.ts";
import type { ConsoleDeps } from "../console-deps.ts";
import type { ConsoleEnv, ConsoleT } from "../console-env.ts";
import { chartValue, showFigure, showRate } from "../format.tsx";
import { dayChartSvg } from "./day-chart.ts";
import { FilterForm } from "./filter-form.tsx";

const dayMs = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The period shown when none is chosen: the last 28 days, today included. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  return { from: isoDay(now.getTime() - 27 * dayMs), to: isoDay(now.getTime()) };
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(`${from}T00:00:00Z`);
  const length = Date.parse(`${to}T00:00:00Z`) - start + dayMs;
  return { from: isoDay(start - length), to: isoDay(start - dayMs) };
}

export function overviewPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { store, minCount, content } = deps.analytics;
  const now = deps.now ?? (() => new Date());

  app.get("/", async (c) => {
    const t = c.var.t;
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
    const parsed = reportFiltersSchema.safeParse({ ...defaultPeriod(now()), ...query });
    const campaigns = await campaignNames(deps);
    if (!parsed.success)
      return c.render(
        <>
          <FilterForm t={t} filters={query} campaigns={campaigns} languages={deps.texts.languages()} />
          <p class="notice error" role="alert">
            {t("overview.bad_filters", { problems: describeFilterProblems(parsed.error) })}
          </p>
        </>,
        { title: t("overview.title") },
      );
    const filters = parsed.data as ReportFilters & { from: string; to: string };
    const previous = { ...filters, ...previousPeriod(filters.from, filters.to) };
    const [report, before, feedback] = await Promise.all([
      summaryReport(store, filters, minCount, content),
      summaryReport(store, previous, minCount, content),
      flowReport(store, "feedback", filters, minCount, content),
    ]);
    const helpful = (feedback.versions.find((v) => v.current) ?? feedback.versions[0])?.segments ?? [];
    const show = (f: Figure | null) => showFigure(t, f, minCount);
    return c.render(
      <>
        <FilterForm t={t} filters={filters} campaigns={campaigns} languages={deps.texts.languages()} />
        <p>
          <a href={`/console/export.csv?${new URLSearchParams(filters)}`} download>
            {t("overview.csv")}
          </a>
          <span class="muted"> · {t("overview.suppression", { count: minCount })}</span>
        </p>
        <Cards t={t} report={report} before={before} minCount={minCount} previous={previous} />
        <h2>{t("overview.per_day")}</h2>
        <PerDay t={t} report={report} show={show} />
        <h2>{t("overview.referrals")}</h2>
        <Table
          t={t}
          empty={t("overview.none")}
          head={[t("overview.kind"), t("overview.directory"), t("overview.shown")]}
          rows={report.referrals.map((r) => [r.kind, r.directory, show(r.shown)])}
        />
        <h2>{t("overview.topics")}</h2>
        <Table
          t={t}
          empty={t("overview.none")}
          head={[t("overview.topic"), t("overview.started"), t("overview.completed")]}
          rows={report.topics.map((r) => [r.flow, show(r.started), show(r.completed)])}
        />
        <h2>{t("overview.helpful")}</h2>
        <Table
          t={t}
          empty={t("overview.none")}
          head={[t("overview.answer"), t("overview.chosen")]}
          rows={helpful
            .filter((s) => s.node === "ask")
            .map((s) => [s.option.replace(/^options\./, ""), show(s.chosen)])}
        />
      </>,
      { title: t("overview.title") },
    );
  });

  app.get("/export.csv", async (c) => {
    const parsed = reportFiltersSchema.safeParse(c.req.query());
    if (!parsed.success) return c.text(`bad query: ${describeFilterProblems(parsed.error)}`, 400);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="guardline-analytics.csv"');
    return c.body(await csvExport(store, parsed.data, minCount, content));
  });
  return app;
}

export async function campaignNames(deps: ConsoleDeps): Promise<string[]> {
  const created = await deps.staff.campaigns();
  return [...new Set([...deps.campaigns.listed(), ...created.map((c) => c.name)])].sort();
}

function Cards(props: {
  t: ConsoleT;
  report: SummaryReport;
  before: SummaryReport;
  minCount: number;
  previous: { from: string; to: string };
}) {
  const { t, report, before, minCount } = props;
  const cards: Array<[string, string, string]> = [
    [
      "overview.started",
      showFigure(t, report.conversations.started, minCount),
      showFigure(t, before.conversations.started, minCount),
    ],
    [
      "overview.completed",
      showFigure(t, report.conversations.completed, minCount),
      showFigure(t, before.conversations.completed, minCount),
    ],
    [
      "overview.rate",
      showRate(t, report.conversations.completionRate, minCount),
      showRate(t, before.conversations.completionRate, minCount),
    ],
    [
      "overview.interrupts",
      showFigure(t, report.safeguardingInterrupts, minCount),
      showFigure(t, before.safeguardingInterrupts, minCount),
    ],
  ];
  return (
    <div class="cards">
      {cards.map(([label, value, earlier]) => (
        <div class="card">
          <div class="label">{t(label)}</div>
          <div class="value">{value}</div>
          <div class="previous">
            {t("overview.previous", { value: earlier, from: props.previous.from, to: props.previous.to })}
          </div>
        </div>
      ))}
    </div>
  );
}

function PerDay(props: { t: ConsoleT; report: SummaryReport; show: (f: Figure) => string }) {
  const { t, report } = props;
  if (!report.perDay.length) return <p class="muted">{t("overview.none")}</p>;
  const svg = dayChartSvg({
    days: report.perDay.map((d) => d.day),
    series: [
      { name: t("overview.started"), values: report.perDay.map((d) => chartValue(d.started)) },
      { name: t("overview.completed"), values: report.perDay.map((d) => chartValue(d.completed)) },
    ],
    title: t("overview.chart_title"),
  });
  return (
    <>
      <figure class="chart">
        {raw(svg)}
        <figcaption class="muted">{t("overview.chart_caption")}</figcaption>
      </figure>
      <Table
        t={t}
        empty={t("overview.none")}
        head={[t("overview.day"), t("overview.started"), t("overview.completed")]}
        rows={report.perDay.map((d) => [d.day, props.show(d.started), props.show(d.completed)])}
      />
    </>
  );
}

/** A plain table; columns after the first are figures (right-aligned). */
export function Table(props: { t: ConsoleT; head: string[]; rows: string[][]; empty: string }) {
  if (!props.rows.length) return <p class="muted">{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th scope="col" class={i ? "num" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>{row.map((cell, i) => (i ? <td class="num">{cell}</td> : <th scope="row">{cell}</th>))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
