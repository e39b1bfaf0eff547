/**
 * Content health (mount at /console/health): what `flows check` says about the content on
 * disk (problems with file:line, per-locale coverage and review status), the referral directory
 * per country with the age of each entry's verification, the kinds of contact each country
 * lacks, and whether the last hot reload was accepted or refused. For admins, with `translations`
 * given, the translation files a translator downloads and uploads (translation-routes.ts).
 */
import { isAbsolute, relative } from "node:path";
import { Hono, type Context } from "hono";
import type { ContentStatus } from "../../content/hot-reload.ts";
import type { Content } from "../../content/load-content.ts";
import { formatProblem, type Problem } from "../../content/files/problem.ts";
import type { ConsoleEnv, ConsoleT } from "../console-env.ts";
import { contentHealthCss } from "./content-health-css.ts";
import { TranslationForms, type TransferOutcome } from "./translation-forms.tsx";
import { maxUploadBytes, translationRoutes, type TranslationDeps } from "./translation-routes.ts";
import { referralHealth, type CountryHealth } from "./referral-health.ts";
import { noReviewFigures, type LocaleReview, type ReviewFigures } from "./review-figures.ts";
import { ProblemTable } from "./problem-table.tsx";

export const contentHealthPath = "/console/health";

export interface ContentHealthDeps {
  /** Checks the content on disk now, as `flows check` does: `() => loadContent(paths)`. */
  check: () => Content;
  /** The hot reload's status (HotContent.status). */
  reloadStatus: () => ContentStatus;
  /** Reviewed % and stale counts per locale (see review-figures.ts). */
  reviewFigures?: ReviewFigures;
  now?: () => Date;
  /** The content directory (CONTENT_DIR): files are shown relative to it, as `flows check` shows them. */
  root?: string;
  basePath?: string;
  /** Export and import of translation files for admins; without it the page only shows figures. */
  translations?: TranslationDeps;
}

export function contentHealthPage(deps: ContentHealthDeps): Hono<ConsoleEnv> {
  const base = deps.basePath ?? contentHealthPath;
  const reviewFigures = deps.reviewFigures ?? noReviewFigures;
  const app = new Hono<ConsoleEnv>();
  app.get("/content-health.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "max-age=300");
    return c.body(contentHealthCss);
  });
  const show = async (c: Context<ConsoleEnv>, outcome?: TransferOutcome, status = 200) => {
    const t = c.var.t;
    const today = deps.now?.() ?? new Date();
    const content = deps.check();
    const reviews = new Map(reviewFigures(content.locales).map((r) => [r.locale, r]));
    const baseLanguage = content.loaded.locales.manifest?.base;
    const res = await c.render(
      <>
        <link rel="stylesheet" href={`${base}/content-health.css`} />
        <Reload status={deps.reloadStatus()} t={t} />
        <Problems
          problems={content.problems.map((p) => ({ ...p, file: shortPath(p.file, deps.root) }))}
          t={t}
        />
        <Locales content={content} reviews={reviews} t={t} />
        {deps.translations && c.var.staff.role === "admin" ? (
          <TranslationForms
            languages={content.locales.filter((l) => l.locale !== baseLanguage)}
            base={base}
            outcome={outcome}
            maxMegabytes={maxUploadBytes / 1024 / 1024}
            t={t}
          />
        ) : null}
        <Referrals countries={referralHealth(content.loaded.referrals.directory, today)} t={t} />
      </>,
      { title: t("console_pages:health.title") },
    );
    return new Response(res.body, { status, headers: res.headers });
  };
  app.get("/", (c) => show(c));
  if (deps.translations) app.route("/translations", translationRoutes(deps.translations, show));
  return app;
}

function shortPath(file: string, root: string | undefined): string {
  if (!root) return file;
  const short = relative(root, file);
  return short.startsWith("..") || isAbsolute(short) ? file : short;
}

function Reload({ status, t }: { status: ContentStatus; t: ConsoleT }) {
  const outcome = status.attemptedAt
    ? status.lastLoadOk
      ? t("console_pages:health.reload_accepted")
      : t("console_pages:health.reload_refused")
    : t("console_pages:health.reload_none");
  return (
    <section aria-labelledby="reload-heading">
      <h2 id="reload-heading">{t("console_pages:health.reload")}</h2>
      <dl class="gl-facts">
        <dt>{t("console_pages:health.last_attempt")}</dt>
        <dd class={status.attemptedAt && !status.lastLoadOk ? "gl-bad" : undefined}>
          {outcome}
          {status.attemptedAt ? ` (${status.attemptedAt})` : ""}
        </dd>
        <dt>{t("console_pages:health.serving")}</dt>
        <dd>
          {status.ready
            ? t("console_pages:health.serving_since", {
                at: status.loadedAt,
                flows: status.flows,
                languages: status.languages.join(", "),
              })
            : t("console_pages:health.serving_nothing")}
        </dd>
      </dl>
      {status.errors.length ? (
        <>
          <h3>{t("console_pages:health.reload_errors")}</h3>
          <ul class="gl-problems">
            {status.errors.map((e) => (
              <li>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Problems({ problems, t }: { problems: Problem[]; t: ConsoleT }) {
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <section aria-labelledby="problems-heading">
      <h2 id="problems-heading">{t("console_pages:health.problems")}</h2>
      <p>{t("console_pages:health.problem_counts", { errors, warnings: problems.length - errors })}</p>
      {problems.length ? (
        <ProblemTable
          t={t}
          problems={problems.map((p) => ({
            where: `${p.file}:${p.line}:${p.col}`,
            severity: p.severity,
            message: p.message,
            title: formatProblem(p),
          }))}
        />
      ) : null}
    </section>
  );
}

function Locales(props: { content: Content; reviews: Map<string, LocaleReview>; t: ConsoleT }) {
  const { content, reviews, t } = props;
  const percent = (value: number | null | undefined) =>
    value === null || value === undefined ? t("console_pages:health.not_tracked") : `${value} %`;
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? t("console_pages:health.not_tracked") : String(value);
  return (
    <section aria-labelledby="locales-heading">
      <h2 id="locales-heading">{t("console_pages:health.locales")}</h2>
      <table class="gl-table">
        <thead>
          <tr>
            <th scope="col">{t("console_pages:health.locale")}</th>
            <th scope="col">{t("console_pages:health.coverage")}</th>
            <th scope="col">{t("console_pages:health.review")}</th>
            <th scope="col">{t("console_pages:health.reviewed")}</th>
            <th scope="col">{t("console_pages:health.stale")}</th>
          </tr>
        </thead>
        <tbody>
          {content.locales.map((l) => (
            <tr>
              <td lang={l.locale}>{`${l.name} (${l.locale})`}</td>
              <td>
                {t("console_pages:health.coverage_value", {
                  coverage: l.coverage,
                  translated: l.translated,
                  total: l.total,
                })}
              </td>
              <td>{t(`console_pages:health.reviews.${l.review}`, { defaultValue: l.review })}</td>
              <td>{percent(reviews.get(l.locale)?.reviewedPercent)}</td>
              <td>{count(reviews.get(l.locale)?.stale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Referrals({ countries, t }: { countries: CountryHealth[]; t: ConsoleT }) {
  const stale = countries.flatMap((c) => c.entries).filter((e) => e.stale).length;
  return (
    <section aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">{t("console_pages:health.referrals")}</h2>
      <p>{t("console_pages:health.referrals_summary", { countries: countries.length, stale })}</p>
      {countries.map((country) => (
        <section aria-labelledby={`country-${country.country}`} class="gl-country">
          <h3 id={`country-${country.country}`}>{`${country.name} (${country.country})`}</h3>
          {country.missingEssential.length ? (
            <p class="gl-bad">
              {t("console_pages:health.missing_essential", { kinds: country.missingEssential.join(", ") })}
            </p>
          ) : null}
          <p>
            {country.missingKinds.length
              ? t("console_pages:health.missing_kinds", { kinds: country.missingKinds.join(", ") })
              : t("console_pages:health.no_missing_kinds")}
          </p>
          <table class="gl-table">
            <thead>
              <tr>
                <th scope="col">{t("console_pages:health.entry")}</th>
                <th scope="col">{t("console_pages:health.kind")}</th>
                <th scope="col">{t("console_pages:health.contact")}</th>
                <th scope="col">{t("console_pages:health.verified_on")}</th>
                <th scope="col">{t("console_pages:health.age")}</th>
              </tr>
            </thead>
            <tbody>
              {country.entries.map((e) => (
                <tr class={e.stale ? "gl-stale" : undefined}>
                  <td>
                    {e.name} <code>{e.id}</code>
                  </td>
                  <td>{e.kind}</td>
                  <td>
                    {e.contact} <a href={e.source}>{t("console_pages:health.source")}</a>
                  </td>
                  <td>{e.verifiedOn}</td>
                  <td>
                    {t("console_pages:health.age_days", { days: e.ageDays })}
                    {e.stale ? <strong>{` ${t("console_pages:health.stale_entry")}`}</strong> : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
