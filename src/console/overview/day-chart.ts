/**
 * Conversations per day as an SVG chart, rendered on the server by Apache ECharts (SSR, no
 * client script). The page's Content-Security-Policy forbids inline styles, so the few style
 * attributes ECharts writes become SVG presentation attributes, and its hover-only <style> block
 * (there is no pointer interaction without a script) is dropped.
 */
import { createRequire } from "node:module";
import type * as ECharts from "echarts";

// Loaded at the first chart, not at start-up: ECharts' ES modules are about 3,000 files, which
// cost seconds of every start. Its single-file CommonJS build loads in a fraction of that, once.
const require = createRequire(import.meta.url);
let library: typeof ECharts | undefined;
const echarts = (): typeof ECharts => (library ??= require("echarts") as typeof ECharts);

export interface DaySeries {
  name: string;
  /** null = suppressed: drawn as a gap, never as 0. */
  values: Array<number | null>;
}

export interface DayChartOptions {
  days: string[];
  series: DaySeries[];
  /** Accessible name of the chart (the table below it holds the same figures). */
  title: string;
  width?: number;
  height?: number;
}

const palette = ["#0b5cad", "#b3261e", "#2e7d32"];

export function dayChartSvg(options: DayChartOptions): string {
  const chart = echarts().init(null, null, {
    renderer: "svg",
    ssr: true,
    width: options.width ?? 720,
    height: options.height ?? 260,
  });
  try {
    chart.setOption({
      animation: false,
      color: palette,
      textStyle: { color: "#1b1f24" },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      legend: { top: 0 },
      xAxis: { type: "category", data: options.days.map((d) => d.slice(5)) },
      yAxis: { type: "value", minInterval: 1 },
      series: options.series.map((s, i) => ({
        name: s.name,
        type: i === 0 ? "bar" : "line",
        data: s.values,
        connectNulls: false,
      })),
    });
    return accessible(withoutInlineStyles(chart.renderToSVGString()), options.title);
  } finally {
    chart.dispose();
  }
}

/** style="font-size:12px;font-family:sans-serif;" -> font-size="12px" font-family="sans-serif". */
export function withoutInlineStyles(svg: string): string {
  return svg.replace(/<style[\s\S]*?<\/style>/g, "").replace(/ style="([^"]*)"/g, (_, css: string) =>
    css
      .split(";")
      .map((rule) => rule.split(":").map((part) => part.trim()))
      .filter(([property, value]) => property && value && /^[a-z-]+$/.test(property))
      .map(([property, value]) => ` ${property}="${value!.replace(/"/g, "&quot;")}"`)
      .join(""),
  );
}

function accessible(svg: string, title: string): string {
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return svg
    .replace(/^<svg /, '<svg role="img" aria-label="' + escaped.replace(/"/g, "&quot;") + '" ')
    .replace(/(<svg[^>]*>)/, `$1<title>${escaped}</title>`);
}
