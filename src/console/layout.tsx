/**
 * The console's page frame, installed with Hono's jsxRenderer: skip link, navigation (only the
 * pages the staff member may open), the page's title and body, and the stylesheet served by this
 * server (no CDN, no inline styles: the Content-Security-Policy forbids them).
 */
import type { Context } from "hono";
import type { PropsWithChildren } from "hono/jsx";
import { jsxRenderer } from "hono/jsx-renderer";
import type { ConsoleEnv, StaffRole } from "./console-env.ts";

export const stylesheetPath = "/console/assets/console.css";

export interface NavItem {
  href: string;
  label: string;
  role: StaffRole;
}

/** The navigation, in order; pages of other modules are listed whether or not they are mounted. */
export const navigation: ReadonlyArray<{ href: string; key: string; role: StaffRole }> = [
  { href: "/console", key: "nav.overview", role: "viewer" },
  { href: "/console/flows", key: "nav.flows", role: "viewer" },
  { href: "/console/simulator", key: "nav.simulator", role: "viewer" },
  { href: "/console/health", key: "nav.health", role: "viewer" },
  { href: "/console/campaigns", key: "nav.campaigns", role: "viewer" },
  { href: "/console/channels", key: "nav.channels", role: "admin" },
  { href: "/console/accounts", key: "nav.accounts", role: "admin" },
  { href: "/console/audit", key: "nav.audit", role: "admin" },
];

export const mayOpen = (staff: StaffRole, page: StaffRole) => staff === "admin" || page === "viewer";

function current(path: string, href: string): boolean {
  return href === "/console" ? path === "/console" || path === "/console/" : path.startsWith(href);
}

/** The frame for signed-out pages (sign-in): same stylesheet, no navigation. */
export function Frame(props: PropsWithChildren<{ title: string; lang: string; brand: string }>) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${props.brand}`}</title>
        <link rel="stylesheet" href={stylesheetPath} />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

export function consoleLayout(language: (c: Context<ConsoleEnv>) => string) {
  return jsxRenderer<ConsoleEnv>(({ children, title }, c: Context<ConsoleEnv>) => {
    const { t, staff } = c.var;
    const path = c.req.path;
    return (
      <Frame title={title} lang={language(c)} brand={t("brand")}>
        <a class="skip" href="#main">
          {t("skip")}
        </a>
        <header class="top">
          <span class="brand">{t("brand")}</span>
          <nav aria-label={t("nav.label")}>
            <ul>
              {navigation
                .filter((item) => mayOpen(staff.role, item.role))
                .map((item) => (
                  <li>
                    <a href={item.href} aria-current={current(path, item.href) ? "page" : undefined}>
                      {t(item.key)}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
          <form method="post" action="/console/sign-out" class="who">
            <span>{t("signed_in_as", { name: staff.name, role: t(`role.${staff.role}`) })}</span>
            <button type="submit">{t("sign_out")}</button>
          </form>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </Frame>
    );
  });
}
