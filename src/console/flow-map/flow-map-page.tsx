/**
 * Flow map pages (mount at /console/flows): the list of flows, and each flow drawn as a graph
 * (server-side SVG) with visits, drop-off and choices from the analytics flow report, suppressed
 * like every report. `?node=` opens a node's texts in `?lang=` and where it is written;
 * `?version=` shows the figures of an earlier version of the flow.
 */
import { Hono } from "hono";
import { raw } from "hono/html";
import type { FlowReport, FlowVersionReport } from "../../analytics/flow-report.ts";
import type { ReportFilters } from "../../analytics/report-filters.ts";
import type { ContentSource } from "../../content/content-source.ts";
import type { Flow } from "../../flows/definition/index.ts";
import type { ConsoleEnv, ConsoleT } from "../console-env.ts";
import { figureText } from "./figure-text.ts";
import { flowDot } from "./flow-graph.ts";
import { nodeSources, type NodeSources } from "./flow-sources.ts";
import { NodeDetails } from "./node-details.tsx";
import { flowMapCss } from "./flow-map-css.ts";
import { renderSvg } from "./render-svg.ts";

export const flowMapPath = "/console/flows";

export interface FlowMapDeps {
  content: ContentSource;
  /** The analytics flow report, as GET /api/analytics/flows/:id computes it; none = no figures. */
  flowReport?: (flow: string, filters: ReportFilters) => Promise<FlowReport>;
  /** The flows directory being served, to say where each node is written. */
  flowsDir: string;
  /** Where the pages are mounted (links between maps). */
  basePath?: string;
}

export function flowMapPage(deps: FlowMapDeps): Hono<ConsoleEnv> {
  const base = deps.basePath ?? flowMapPath;
  const sources = nodeSources(deps.flowsDir);
  const app = new Hono<ConsoleEnv>();
  app.get("/flow-map.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "max-age=300");
    return c.body(flowMapCss);
  });
  app.get("/", (c) => {
    const t = c.var.t;
    const { bundle } = deps.content.current();
    const flows = [...bundle.flows.values()].sort((a, b) => a.id.localeCompare(b.id));
    return c.render(
      <>
        <link rel="stylesheet" href={`${base}/flow-map.css`} />
        <p>{t("console_pages:flow_map.intro")}</p>
        <table class="gl-table">
          <thead>
            <tr>
              <th scope="col">{t("console_pages:flow_map.flow")}</th>
              <th scope="col">{t("console_pages:flow_map.flow_title")}</th>
              <th scope="col">{t("console_pages:flow_map.nodes")}</th>
              <th scope="col">{t("console_pages:flow_map.role")}</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr>
                <td>
                  <a href={`${base}/${flow.id}`}>{flow.id}</a>
                </td>
                <td>{flow.title}</td>
                <td>{flow.nodes.length}</td>
                <td>{roleOf(flow.id, bundle.settings, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
      { title: t("console_pages:flow_map.title") },
    );
  });
  app.get("/:flow", async (c) => {
    const t = c.var.t;
    const { bundle, translator } = deps.content.current();
    const flow = bundle.flows.get(c.req.param("flow"));
    if (!flow) return c.notFound();
    const query = c.req.query();
    const language = translator.languages.includes(query.lang ?? "") ? query.lang! : translator.base;
    const report = await reportOf(deps, flow.id);
    const version = pickVersion(report.value, query.version);
    const minCount = report.value?.minCount ?? 0;
    const href = (params: Record<string, string | undefined>) => {
      const search = new URLSearchParams(
        Object.entries({ version: query.version, lang: query.lang, ...params }).filter(
          (e): e is [string, string] => Boolean(e[1]),
        ),
      ).toString();
      return `${base}/${flow.id}${search ? `?${search}` : ""}`;
    };
    const svg = await renderSvg(
      flowDot(flow, graphLabels(flow, { base, language, version, minCount, t, href, translator })),
      "flow-map-caption",
    );
    const node = query.node ? flow.nodesById.get(query.node) : undefined;
    return c.render(
      <>
        <link rel="stylesheet" href={`${base}/flow-map.css`} />
        <p>
          <a href={base}>{t("console_pages:flow_map.all_flows")}</a>
        </p>
        {flow.description ? <p>{flow.description}</p> : null}
        <Versions report={report.value} chosen={version} served={flow.version} href={href} t={t} />
        {report.error ? <p class="gl-note">{t("console_pages:flow_map.no_figures")}</p> : null}
        <figure class="gl-flow-map">
          <figcaption id="flow-map-caption">
            {t("console_pages:flow_map.caption", { id: flow.id })}
          </figcaption>
          <div class="gl-svg">{raw(svg)}</div>
        </figure>
        {node ? (
          <NodeDetails
            flow={flow}
            node={node}
            language={language}
            translator={translator}
            source={sourceOf(sources, flow, node.id)}
            action={`${base}/${flow.id}`}
            hidden={{ node: node.id, version: query.version }}
            t={t}
          />
        ) : null}
        <NodeTable flow={flow} version={version} minCount={minCount} href={href} t={t} />
      </>,
      { title: t("console_pages:flow_map.flow_heading", { id: flow.id, title: flow.title }) },
    );
  });
  return app;
}

function sourceOf(sources: NodeSources, flow: Flow, node: string) {
  return sources(flow.id, flow.version).get(node);
}

/** The report, or why there are no figures (analytics still opening, or none wired). */
async function reportOf(
  deps: FlowMapDeps,
  flow: string,
): Promise<{ value: FlowReport | null; error: boolean }> {
  if (!deps.flowReport) return { value: null, error: true };
  try {
    return { value: await deps.flowReport(flow, {}), error: false };
  } catch {
    return { value: null, error: true };
  }
}

function pickVersion(report: FlowReport | null, wanted: string | undefined): FlowVersionReport | undefined {
  if (!report) return undefined;
  return report.versions.find((v) => v.version === wanted) ?? report.versions.find((v) => v.current);
}

function roleOf(
  id: string,
  settings: { start: string; menu: string; help: string; language: string },
  t: ConsoleT,
) {
  const roles = (["start", "menu", "help", "language"] as const).filter((r) => settings[r] === id);
  return roles.map((r) => t(`console_pages:flow_map.roles.${r}`)).join(", ");
}

function graphLabels(
  flow: Flow,
  o: {
    base: string;
    language: string;
    version: FlowVersionReport | undefined;
    minCount: number;
    t: ConsoleT;
    href: (params: Record<string, string | undefined>) => string;
    translator: { t(language: string, key: string): string };
  },
) {
  const nodes = new Map(o.version?.nodes.map((n) => [n.node, n]));
  const segments = new Map(o.version?.segments.map((s) => [`${s.node}|${s.option}|${s.next}`, s.chosen]));
  const f = (figure: Parameters<typeof figureText>[0]) => figureText(figure, o.minCount, o.t);
  return {
    option: (_node: string, _option: string, key: string) =>
      o.translator.t(o.language, key.includes(":") ? key : `${flow.id}:${key}`),
    nodeFigures(node: string) {
      const n = nodes.get(node);
      if (!o.version) return "";
      const parts = [o.t("console_pages:flow_map.visits", { value: f(n?.visits ?? 0) })];
      if (n?.dropOff !== null && n?.dropOff !== undefined)
        parts.push(o.t("console_pages:flow_map.drop_off", { value: f(n.dropOff) }));
      return parts.join(" · ");
    },
    optionFigures(node: string, option: string, next: string) {
      if (!o.version) return "";
      return o.t("console_pages:flow_map.chosen", {
        value: f(segments.get(`${node}|${option}|${next}`) ?? 0),
      });
    },
    nodeHref: (node: string) => `${o.href({ node })}#node-details`,
    flowHref: (id: string) => `${o.base}/${id}`,
    nodeTitle: (node: { id: string; type: string }) =>
      o.t("console_pages:flow_map.node_title", { id: node.id, type: node.type }),
  };
}

function Versions(props: {
  report: FlowReport | null;
  chosen: FlowVersionReport | undefined;
  served: string;
  href: (params: Record<string, string | undefined>) => string;
  t: ConsoleT;
}) {
  const { report, chosen, t } = props;
  if (!report || !report.versions.length)
    return report ? <p class="gl-note">{t("console_pages:flow_map.no_activity")}</p> : null;
  return (
    <nav aria-label={t("console_pages:flow_map.versions")}>
      <h2>{t("console_pages:flow_map.versions")}</h2>
      <ul>
        {report.versions.map((v) => (
          <li>
            <a href={props.href({ version: v.version })} aria-current={v === chosen ? "page" : undefined}>
              {v.version}
            </a>{" "}
            {t("console_pages:flow_map.version_days", { from: v.firstDay, to: v.lastDay })}
            {v.version === props.served ? ` (${t("console_pages:flow_map.served")})` : ""}
          </li>
        ))}
      </ul>
      {chosen && chosen.version !== props.served ? (
        <p class="gl-note">{t("console_pages:flow_map.earlier_version")}</p>
      ) : null}
    </nav>
  );
}

function NodeTable(props: {
  flow: Flow;
  version: FlowVersionReport | undefined;
  minCount: number;
  href: (params: Record<string, string | undefined>) => string;
  t: ConsoleT;
}) {
  const { flow, version, minCount, t } = props;
  const figures = new Map(version?.nodes.map((n) => [n.node, n]));
  const gone = version?.nodes.filter((n) => !flow.nodesById.has(n.node)) ?? [];
  const f = (figure: Parameters<typeof figureText>[0]) => figureText(figure, minCount, t);
  return (
    <section aria-labelledby="node-table-heading">
      <h2 id="node-table-heading">{t("console_pages:flow_map.node_table")}</h2>
      <table class="gl-table">
        <thead>
          <tr>
            <th scope="col">{t("console_pages:flow_map.node")}</th>
            <th scope="col">{t("console_pages:flow_map.type")}</th>
            <th scope="col">{t("console_pages:flow_map.visits_heading")}</th>
            <th scope="col">{t("console_pages:flow_map.drop_off_heading")}</th>
            <th scope="col">{t("console_pages:flow_map.not_understood_heading")}</th>
          </tr>
        </thead>
        <tbody>
          {[
            ...flow.nodes.map((n) => ({ id: n.id, type: n.type })),
            ...gone.map((n) => ({ id: n.node, type: "" })),
          ].map((n) => {
            const row = figures.get(n.id);
            return (
              <tr>
                <td>{n.type ? <a href={`${props.href({ node: n.id })}#node-details`}>{n.id}</a> : n.id}</td>
                <td>{n.type || t("console_pages:flow_map.node_gone")}</td>
                <td>{version ? f(row?.visits ?? 0) : ""}</td>
                <td>{f(row?.dropOff)}</td>
                <td>{version ? f(row?.notUnderstood ?? 0) : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
