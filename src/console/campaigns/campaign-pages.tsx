/**
 * Campaigns (/console/campaigns): the campaigns counted by name (flows/settings.yaml and those
 * created here), creating one (admins), and per campaign its links, QR codes (PNG, SVG), posters
 * per language (A4, A5; print CSS) and its figures. Campaign names are not personal data; an
 * unlisted code in a link counts as "other", so only names staff chose are ever counted.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { summaryReport } from "../../analytics/summary-report.ts";
import { requireRole } from "../auth/require-staff.ts";
import type { ConsoleDeps } from "../console-deps.ts";
import type { ConsoleEnv, ConsoleT } from "../console-env.ts";
import { showFigure, showRate } from "../format.tsx";
import { campaignNames, Table } from "../overview/overview-page.tsx";
import {
  campaignNamePattern,
  qrPng,
  qrSvg,
  telegramLink,
  whatsappLink,
  type LinkChoice,
} from "./campaign-links.ts";
import { PosterSheet } from "./poster.tsx";

type Target = "telegram" | "whatsapp";

export function campaignPages(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get("/", async (c) =>
    c.render(<CampaignList c={c} deps={deps} />, { title: c.var.t("campaigns.title") }),
  );

  app.post("/", requireRole("admin"), async function createCampaign(c) {
    const t = c.var.t;
    const name = String((await c.req.parseBody()).name ?? "").trim();
    const problem = !campaignNamePattern.test(name)
      ? t("campaigns.bad_name")
      : (await campaignNames(deps)).includes(name) || !(await deps.staff.addCampaign(name, c.var.staff.name))
        ? t("campaigns.taken", { name })
        : null;
    if (problem) {
      const res = await c.render(<CampaignList c={c} deps={deps} error={problem} name={name} />, {
        title: t("campaigns.title"),
      });
      return new Response(res.body, { status: 400, headers: res.headers });
    }
    deps.campaigns.created?.(name);
    await deps.staff.audit({ actor: c.var.staff.name, action: "campaign_created", subject: name });
    return c.redirect(`/console/campaigns/${name}`, 303);
  });

  app.get("/:name", async (c) => {
    const choice = await choose(c, deps);
    const t = c.var.t;
    const report = await summaryReport(
      deps.analytics.store,
      { campaign: choice.campaign },
      deps.analytics.minCount,
      deps.analytics.content,
    );
    const min = deps.analytics.minCount;
    const links = linksFor(deps, choice);
    const query = (to: Target) =>
      new URLSearchParams({
        to,
        ...(choice.language ? { lang: choice.language } : {}),
        ...(choice.country ? { country: choice.country } : {}),
      });
    return c.render(
      <>
        <p>
          <a href="/console/campaigns">{t("campaigns.back")}</a>
        </p>
        <form method="get" class="filters" aria-label={t("campaigns.choose")}>
          <label>
            {t("filters.language")}
            <select name="lang">
              <option value="">{t("campaigns.any_language")}</option>
              {deps.texts.languages().map((l) => (
                <option
                  value={l.code}
                  selected={choice.language === l.code}
                >{`${l.name} (${l.code})`}</option>
              ))}
            </select>
          </label>
          <label>
            {t("filters.country")}
            <input name="country" value={choice.country ?? ""} size={3} maxlength={2} pattern="[A-Z]{2}" />
          </label>
          <button type="submit">{t("campaigns.update_links")}</button>
        </form>
        {(["telegram", "whatsapp"] as const).map((to) => (
          <section class="links" aria-labelledby={`h-${to}`}>
            <h2 id={`h-${to}`}>{t(`campaigns.${to}`)}</h2>
            {links[to] ? (
              <>
                <p>
                  <code>{links[to]}</code>
                </p>
                <p class="qr">
                  <img
                    src={`/console/campaigns/${choice.campaign}/qr.png?${query(to)}`}
                    alt={t("campaigns.qr_alt", { link: links[to] })}
                  />
                </p>
                <p>
                  <a
                    href={`/console/campaigns/${choice.campaign}/qr.png?${query(to)}`}
                    download={`${choice.campaign}-${to}.png`}
                  >
                    {t("campaigns.download_png")}
                  </a>{" "}
                  ·{" "}
                  <a
                    href={`/console/campaigns/${choice.campaign}/qr.svg?${query(to)}`}
                    download={`${choice.campaign}-${to}.svg`}
                  >
                    {t("campaigns.download_svg")}
                  </a>
                </p>
                <p>
                  {t("campaigns.posters")}:{" "}
                  {(["a4", "a5"] as const).map((size) => (
                    <>
                      <a href={`/console/campaigns/${choice.campaign}/poster?${query(to)}&size=${size}`}>
                        {size.toUpperCase()}
                      </a>{" "}
                    </>
                  ))}
                </p>
              </>
            ) : (
              <p class="muted">{t(`campaigns.no_${to}`)}</p>
            )}
          </section>
        ))}
        <h2>{t("campaigns.figures")}</h2>
        <Table
          t={t}
          empty={t("overview.none")}
          head={[t("campaigns.figure"), t("campaigns.value")]}
          rows={[
            [t("overview.started"), showFigure(t, report.conversations.started, min)],
            [t("overview.completed"), showFigure(t, report.conversations.completed, min)],
            [t("overview.rate"), showRate(t, report.conversations.completionRate, min)],
            [t("overview.interrupts"), showFigure(t, report.safeguardingInterrupts, min)],
            ...report.referrals.map((r) => [
              `${t("overview.referrals")}: ${r.kind} (${r.directory})`,
              showFigure(t, r.shown, min),
            ]),
          ]}
        />
        <p>
          <a href={`/console?campaign=${choice.campaign}`}>{t("campaigns.in_dashboard")}</a>
        </p>
      </>,
      { title: t("campaigns.campaign", { name: choice.campaign }) },
    );
  });

  const image = (kind: "png" | "svg") => async (c: Context<ConsoleEnv>) => {
    const choice = await choose(c, deps);
    const link = linksFor(deps, choice)[target(c)];
    if (!link) throw new HTTPException(404, { message: "that channel has no link" });
    c.header("Cache-Control", "no-store");
    if (kind === "svg") {
      c.header("Content-Type", "image/svg+xml");
      return c.body(await qrSvg(link));
    }
    c.header("Content-Type", "image/png");
    return c.body(new Uint8Array(await qrPng(link)));
  };
  app.get("/:name/qr.png", image("png"));
  app.get("/:name/qr.svg", image("svg"));

  app.get("/:name/poster", async (c) => {
    const choice = await choose(c, deps);
    const to = target(c);
    const link = linksFor(deps, choice)[to];
    if (!link) throw new HTTPException(404, { message: "that channel has no link" });
    const size = c.req.query("size") === "a5" ? "a5" : "a4";
    const language = choice.language ?? deps.texts.languages()[0]?.code ?? "en";
    const qr = `/console/campaigns/${choice.campaign}/qr.svg?${new URLSearchParams(c.req.query()).toString()}`;
    return c.render(
      <>
        <p class="no-print">{c.var.t("campaigns.print_hint")}</p>
        <PosterSheet
          size={size}
          lang={language}
          title={deps.texts.title(language)}
          text={deps.texts.poster(language, link)}
          qr={qr}
          qrAlt={c.var.t("campaigns.qr_alt", { link })}
          link={link}
          handle={to === "telegram" ? `@${deps.links.telegramBot()}` : undefined}
        />
      </>,
      { title: c.var.t("campaigns.poster_title", { name: choice.campaign, size: size.toUpperCase() }) },
    );
  });
  return app;
}

const target = (c: Context): Target => (c.req.query("to") === "whatsapp" ? "whatsapp" : "telegram");

/** The campaign of the path (404 unless counted) and the language and country chosen. */
async function choose(c: Context<ConsoleEnv>, deps: ConsoleDeps): Promise<LinkChoice & { campaign: string }> {
  const campaign = c.req.param("name") ?? "";
  if (!(await campaignNames(deps)).includes(campaign))
    throw new HTTPException(404, { message: "no such campaign" });
  const lang = c.req.query("lang");
  const country = c.req.query("country")?.toUpperCase();
  return {
    campaign,
    language: deps.texts.languages().some((l) => l.code === lang) ? lang : undefined,
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
  };
}

function linksFor(deps: ConsoleDeps, choice: LinkChoice): Record<Target, string | undefined> {
  const bot = deps.links.telegramBot();
  const number = deps.links.whatsappNumber;
  const greeting = deps.texts.greeting(choice.language ?? deps.texts.languages()[0]?.code ?? "en");
  return {
    telegram: bot ? telegramLink(bot, choice) : undefined,
    whatsapp: number ? whatsappLink(number, greeting, choice) : undefined,
  };
}

function CampaignList(props: { c: Context<ConsoleEnv>; deps: ConsoleDeps; error?: string; name?: string }) {
  const t: ConsoleT = props.c.var.t;
  return (
    <Listing
      t={t}
      deps={props.deps}
      admin={props.c.var.staff.role === "admin"}
      error={props.error}
      name={props.name}
    />
  );
}

async function Listing(props: {
  t: ConsoleT;
  deps: ConsoleDeps;
  admin: boolean;
  error?: string | undefined;
  name?: string | undefined;
}) {
  const { t, deps } = props;
  const listed = new Set(deps.campaigns.listed());
  const created = new Map((await deps.staff.campaigns()).map((r) => [r.name, r]));
  const names = [...new Set([...listed, ...created.keys()])].sort();
  return (
    <>
      <p>{t("campaigns.intro")}</p>
      {names.length ? (
        <ul>
          {names.map((name) => (
            <li>
              <a href={`/console/campaigns/${name}`}>{name}</a>{" "}
              <span class="muted">
                {created.has(name)
                  ? t("campaigns.created_by", {
                      name: created.get(name)!.createdBy,
                      day: created.get(name)!.createdAt.toISOString().slice(0, 10),
                    })
                  : t("campaigns.from_settings")}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("campaigns.none")}</p>
      )}
      {props.admin ? (
        <>
          <h2>{t("campaigns.create")}</h2>
          {props.error ? (
            <p class="notice error" role="alert">
              {props.error}
            </p>
          ) : null}
          <form method="post" action="/console/campaigns" class="stack">
            <label>
              {t("campaigns.name")}
              <input
                name="name"
                required
                pattern="[A-Za-z0-9_]{1,32}"
                maxlength={32}
                value={props.name ?? ""}
                aria-describedby="name-help"
              />
            </label>
            <span id="name-help" class="muted">
              {t("campaigns.name_help")}
            </span>
            <button type="submit">{t("campaigns.create_submit")}</button>
          </form>
        </>
      ) : null}
    </>
  );
}
