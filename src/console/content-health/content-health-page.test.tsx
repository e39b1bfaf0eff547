import { describe, expect, it } from "vitest";
import type { ContentStatus } from "../../content/hot-reload.ts";
import { contentPaths, loadContent } from "../../content/load-content.ts";
import { miniDir } from "../../../test/support/content.ts";
import { testShell } from "../../../test/support/console/testing-shell.tsx";
import { contentHealthPage, type ContentHealthDeps } from "./content-health-page.tsx";
import { channelDeclarations } from "../../channels/limits.ts";

const brokenDir = new URL("../../../test/fixtures/broken/duplicate-node-id", import.meta.url).pathname;

const accepted: ContentStatus = {
  ready: true,
  lastLoadOk: true,
  loadedAt: "2026-12-01T10:00:00.000Z",
  attemptedAt: "2026-12-01T10:00:00.000Z",
  errors: [],
  flows: 7,
  languages: ["en", "nl"],
};

function page(deps: Partial<ContentHealthDeps> & { dir?: string; now?: () => Date } = {}) {
  const dir = deps.dir ?? miniDir;
  return testShell({
    "/console/health": contentHealthPage({
      check: () =>
        loadContent(contentPaths(dir), {
          channels: channelDeclarations,
          today: deps.now?.() ?? new Date("2026-12-01"),
        }),
      reloadStatus: () => accepted,
      now: () => new Date("2026-12-01"),
      ...deps,
    }),
  });
}

describe("content health page", () => {
  it("shows coverage and review status per locale, and marks where reviewed % and stale counts go", async () => {
    const res = await page().request("/console/health");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/Nederlands \(nl\)/);
    expect(html).toMatch(/\d+ % \(\d+ of \d+ texts\)/);
    expect(html).toContain("not tracked yet");
  });

  it("uses the per-locale review figures it is given", async () => {
    const html = await (
      await page({
        reviewFigures: (locales) => locales.map((l) => ({ locale: l.locale, reviewedPercent: 42, stale: 3 })),
      }).request("/console/health")
    ).text();
    expect(html).toContain("42 %");
    expect(html).toContain("<td>3</td>");
  });

  it("lists the referral directory per country with the age of each verification and the kinds missing", async () => {
    const html = await (await page().request("/console/health")).text();
    expect(html).toContain('id="country-NL"');
    expect(html).toContain("30 days");
    expect(html).not.toContain("older than 12 months");
    expect(html).toMatch(/Kinds with no entry: [^<]*police/);
  });

  it("highlights entries verified more than 12 months ago", async () => {
    const later = () => new Date("2028-01-15");
    const html = await (await page({ now: later }).request("/console/health")).text();
    expect(html).toContain('class="gl-stale"');
    expect(html).toContain("older than 12 months");
    // The checker says so too, with the file and line of the date.
    expect(html).toMatch(/referrals\/nl\.yaml:10:\d+/);
  });

  it("shows the checker's problems with file:line", async () => {
    const html = await (await page({ dir: brokenDir }).request("/console/health")).text();
    expect(html).toMatch(/[1-9]\d* error\(s\)/);
    expect(html).toMatch(/flows\/feedback\.yaml:12:9/);
    const short = await (await page({ dir: brokenDir, root: brokenDir }).request("/console/health")).text();
    expect(short).toContain("<code>flows/feedback.yaml:12:9</code>");
    expect(html).toContain("is used twice");
  });

  it("shows a refused hot reload with its errors, and what keeps serving", async () => {
    const refused: ContentStatus = {
      ...accepted,
      lastLoadOk: false,
      attemptedAt: "2026-12-01T11:00:00.000Z",
      errors: ["flows/menu.yaml:3:5: error: something is wrong"],
    };
    const html = await (await page({ reloadStatus: () => refused }).request("/console/health")).text();
    expect(html).toContain("refused");
    expect(html).toContain("flows/menu.yaml:3:5: error: something is wrong");
    expect(html).toContain("2026-12-01T10:00:00.000Z");
  });
});
