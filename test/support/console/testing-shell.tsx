/**
 * A stand-in for the console shell, for page tests: sets the signed-in staff member and the
 * console translator, and installs a minimal layout with the same Content-Security-Policy the
 * console serves (no inline scripts or styles), so browser tests prove a page works under it.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { secureHeaders } from "hono/secure-headers";
import { createInstance } from "i18next";
import type { ConsoleEnv, ConsoleT, StaffRole } from "../../../src/console/console-env.ts";

const localesDir = new URL("../../../locales", import.meta.url).pathname;

/** The console's texts of `console_pages` in one language (English fills the gaps). */
export function testConsoleT(language = "en"): ConsoleT {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of new Set(["en", language])) {
    const file = join(localesDir, lng, "console_pages.json");
    if (existsSync(file)) resources[lng] = { console_pages: JSON.parse(readFileSync(file, "utf8")) };
  }
  const i18n = createInstance();
  void i18n.init({
    initAsync: false,
    resources,
    lng: language,
    fallbackLng: "en",
    ns: ["console_pages"],
    defaultNS: "console_pages",
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as Parameters<typeof i18n.init>[0]);
  return (key, params) => i18n.t(key, params) as string;
}

export interface TestShellOptions {
  role?: StaffRole;
  name?: string;
  language?: string;
}

/** Mounts page apps at their paths behind the stand-in shell. */
export function testShell(
  pages: Record<string, Hono<ConsoleEnv>>,
  options: TestShellOptions = {},
): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const t = testConsoleT(options.language);
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use("*", async function testStaff(c, next) {
    c.set("staff", { name: options.name ?? "test-staff", role: options.role ?? "viewer" });
    c.set("t", t);
    await next();
  });
  app.use(
    "*",
    jsxRenderer(({ children, title }) => (
      <html lang={options.language ?? "en"}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
        </head>
        <body>
          <nav aria-label="Console">
            <a href="/console/flows">Flows</a> <a href="/console/simulator">Simulator</a>{" "}
            <a href="/console/health">Content health</a>
          </nav>
          <main>
            <h1>{title}</h1>
            {children}
          </main>
        </body>
      </html>
    )),
  );
  for (const [path, page] of Object.entries(pages)) app.route(path, page);
  return app;
}
