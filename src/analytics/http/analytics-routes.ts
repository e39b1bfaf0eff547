/**
 * The analytics admin API, to mount at /api/analytics:
 *   GET /summary, GET /flows/:id, GET /export.csv   (?from&to&channel&locale&country&campaign)
 * Bearer ADMIN_TOKEN; a bad query answers 400 with what is wrong.
 */
import { Hono, type Context } from "hono";
import { csvExport } from "../csv-export.ts";
import type { CounterStore } from "../counter-store.ts";
import { flowReport } from "../flow-report.ts";
import type { ReportContent } from "../report-figures.ts";
import { describeFilterProblems, reportFiltersSchema, type ReportFilters } from "../report-filters.ts";
import { summaryReport } from "../summary-report.ts";
import { adminGuard } from "../../http/guards/admin-guard.ts";

export const analyticsRoutePath = "/api/analytics";

export interface AnalyticsRoutesOptions extends ReportContent {
  store: CounterStore;
  adminToken: string | undefined;
  minCount: number;
}

const flowIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function analyticsRoutes(options: AnalyticsRoutesOptions): Hono {
  const { store, minCount } = options;
  const content: ReportContent = { isTopic: options.isTopic, currentVersion: options.currentVersion };
  const app = new Hono();
  app.use("*", adminGuard({ token: options.adminToken }));
  app.use("*", async function noStore(c, next) {
    await next();
    c.header("Cache-Control", "no-store");
  });

  app.get("/summary", (c) =>
    withFilters(c, async (filters) => c.json(await summaryReport(store, filters, minCount, content))),
  );
  app.get("/flows/:id", (c) => {
    const flow = c.req.param("id");
    if (!flowIdPattern.test(flow))
      return c.json({ error: "flow id must be letters, digits, _ or - (at most 64)" }, 400);
    return withFilters(c, async (filters) =>
      c.json(await flowReport(store, flow, filters, minCount, content)),
    );
  });
  app.get("/export.csv", (c) =>
    withFilters(c, async (filters) => {
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", 'attachment; filename="guardline-analytics.csv"');
      return c.body(await csvExport(store, filters, minCount, content));
    }),
  );
  return app;
}

async function withFilters(
  c: Context,
  answer: (filters: ReportFilters) => Promise<Response>,
): Promise<Response> {
  const parsed = reportFiltersSchema.safeParse(c.req.query());
  if (!parsed.success) return c.json({ error: `bad query: ${describeFilterProblems(parsed.error)}` }, 400);
  return answer(parsed.data);
}
