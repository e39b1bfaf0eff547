/**
 * The console's content tools, mounted by the shell below /console: the flow map, the simulator
 * and content health. Viewers see all three; the simulator keeps directory content for admins,
 * and only admins download and upload translation files on content health.
 */
import type { AnalyticsSink } from "../analytics/analytics-sink.ts";
import type { CounterStore } from "../analytics/counter-store.ts";
import { flowReport } from "../analytics/flow-report.ts";
import type { ReportContent } from "../analytics/report-figures.ts";
import type { ContentStatus } from "../content/hot-reload.ts";
import type { ContentSource } from "../conversation/content-source.ts";
import { loadContent, type ContentPaths } from "../flows/load-content.ts";
import type { StaffStore } from "../staff/staff-store.ts";
import { translationReview } from "../translations/review-report.ts";
import type { ConsolePage } from "./console-deps.ts";
import { contentHealthPage } from "./content-health/content-health-page.tsx";
import type { ReviewFigures } from "./content-health/review-figures.ts";
import { flowMapPage } from "./flow-map/flow-map-page.tsx";
import { simulatorPage } from "./simulator/simulator-page.tsx";

export interface ToolPagesDeps {
  content: ContentSource & { status(): ContentStatus };
  paths: ContentPaths;
  contentDir: string;
  analytics: { sink: AnalyticsSink; store: CounterStore; minCount: number; report: ReportContent };
  /** Values texts interpolate in the simulator ({{link}}), read at each render. */
  textParams: Record<string, string>;
  /** Where a translation import is recorded. */
  staff: Pick<StaffStore, "audit">;
}

export function consoleToolPages(deps: ToolPagesDeps): ConsolePage[] {
  const { analytics } = deps;
  // The same per-text review figures as `npm run flows -- check` prints.
  const reviewFigures: ReviewFigures = () =>
    translationReview(deps.paths).map((r) => ({
      locale: r.locale,
      reviewedPercent: r.reviewedPercent,
      stale: r.stale,
      staleSafetyCritical: r.safety.stale,
    }));
  return [
    {
      path: "/flows",
      role: "viewer",
      app: flowMapPage({
        content: deps.content,
        flowsDir: deps.paths.flowsDir,
        flowReport: (flow, filters) =>
          flowReport(analytics.store, flow, filters, analytics.minCount, analytics.report),
      }),
    },
    {
      path: "/simulator",
      role: "viewer",
      app: simulatorPage({ content: deps.content, analytics: analytics.sink, textParams: deps.textParams }),
    },
    {
      path: "/health",
      role: "viewer",
      app: contentHealthPage({
        check: () => loadContent(deps.paths),
        reloadStatus: () => deps.content.status(),
        reviewFigures,
        root: deps.contentDir,
        translations: { paths: deps.paths, audit: (entry) => deps.staff.audit(entry) },
      }),
    },
  ];
}
