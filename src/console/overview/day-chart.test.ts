import { describe, expect, it } from "vitest";
import { dayChartSvg, withoutInlineStyles } from "./day-chart.ts";

describe("day chart", () => {
  it("renders an accessible SVG without inline styles, with gaps for suppressed days", () => {
    const svg = dayChartSvg({
      days: ["2026-11-01", "2026-11-02", "2026-11-03"],
      series: [
        { name: "Started", values: [40, null, 60] },
        { name: "Completed", values: [20, null, 30] },
      ],
      title: "Conversations per day",
    });
    expect(svg).toMatch(/^<svg role="img" aria-label="Conversations per day" /);
    expect(svg).toContain("<title>Conversations per day</title>");
    expect(svg).not.toMatch(/style=|<style/);
    expect(svg).toContain('font-size="12px"');
    expect(svg).toContain(">11-02<");
    expect(svg).toContain(">Started<");
  });

  it("turns style attributes into presentation attributes and drops unsafe ones", () => {
    expect(withoutInlineStyles('<text style="font-size:12px;fill:#000;">a</text>')).toBe(
      '<text font-size="12px" fill="#000">a</text>',
    );
  });
});
