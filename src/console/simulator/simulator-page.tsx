/**
 * The simulator (mount at /console/simulator): chat in the browser with the served content, or
 * (admins) with the content in a directory on the server, rendered as a chosen channel would,
 * with the engine's events and the conversation's variables beside the chat. The chat itself is
 * simulator.js, served from here (the console's CSP allows no inline script); the page is the form.
 */
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { AnalyticsSink } from "../../analytics/analytics-sink.ts";
import type { ContentSource } from "../../content/content-source.ts";
import type { ConsoleEnv, ConsoleT } from "../console-env.ts";
import { renderings } from "./render-messages.ts";
import { simulatorApi } from "./simulator-api.ts";
import { simulatorCss } from "./simulator-css.ts";
import { createSimulations } from "./simulations.ts";

export const simulatorPath = "/console/simulator";

export interface SimulatorDeps {
  content: ContentSource;
  /** Where the turns are counted (under the channel `simulator`, which reports leave out unless asked). */
  analytics: AnalyticsSink;
  /** Values every text may interpolate, as the real conversation has them ({{link}}). */
  textParams?: Record<string, string>;
  basePath?: string;
}

const clientScript = readFileSync(new URL("./simulator.client.js", import.meta.url), "utf8");

export function simulatorPage(deps: SimulatorDeps): Hono<ConsoleEnv> {
  const base = deps.basePath ?? simulatorPath;
  const sims = createSimulations({
    analytics: deps.analytics,
    ...(deps.textParams ? { textParams: deps.textParams } : {}),
  });
  const api = simulatorApi(deps.content, sims);
  const app = new Hono<ConsoleEnv>();
  app.use("*", async function noStore(c, next) {
    await next();
    if (c.req.method === "POST") c.header("Cache-Control", "no-store");
  });
  app.get("/simulator.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "max-age=300");
    return c.body(clientScript);
  });
  app.get("/simulator.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "max-age=300");
    return c.body(simulatorCss);
  });
  app.post("/start", (c) => api.start(c));
  app.post("/turn", (c) => api.turn(c));
  app.get("/", (c) => {
    const t = c.var.t;
    const { bundle, translator } = deps.content.current();
    const countries = [...bundle.referrals.entries()].sort(([a], [b]) => a.localeCompare(b));
    return c.render(
      <>
        <link rel="stylesheet" href={`${base}/simulator.css`} />
        <p>{t("console_pages:simulator.intro")}</p>
        <noscript>
          <p class="gl-note">{t("console_pages:simulator.needs_script")}</p>
        </noscript>
        <div id="simulator" {...clientTexts(base, t)}>
          <form id="sim-settings" class="gl-sim-settings">
            <fieldset>
              <legend>{t("console_pages:simulator.content")}</legend>
              <label>
                <input type="radio" name="source" value="served" checked />{" "}
                {t("console_pages:simulator.served")}
              </label>
              {c.var.staff.role === "admin" ? (
                <>
                  <label>
                    <input type="radio" name="source" value="directory" />{" "}
                    {t("console_pages:simulator.directory")}
                  </label>
                  <label for="sim-dir">{t("console_pages:simulator.directory_path")}</label>
                  <input id="sim-dir" name="dir" type="text" size={40} spellcheck={false} />
                </>
              ) : null}
            </fieldset>
            <p>
              <label for="sim-rendering">{t("console_pages:simulator.rendering")}</label>
              <select id="sim-rendering" name="rendering">
                {renderings.map((r) => (
                  <option value={r}>{t(`console_pages:simulator.renderings.${r}`)}</option>
                ))}
              </select>
            </p>
            <p>
              <label for="sim-lang">{t("console_pages:simulator.language")}</label>
              <select id="sim-lang" name="lang">
                <option value="">{t("console_pages:simulator.language_default")}</option>
                {translator.languages.map((l) => (
                  <option value={l}>{`${translator.languageName(l)} (${l})`}</option>
                ))}
              </select>
            </p>
            <p>
              <label for="sim-country">{t("console_pages:simulator.country")}</label>
              <select id="sim-country" name="country">
                <option value="">{t("console_pages:simulator.country_none")}</option>
                {countries.map(([code, file]) => (
                  <option value={code}>{`${file.name} (${code})`}</option>
                ))}
              </select>
            </p>
            <p>
              <label for="sim-start">{t("console_pages:simulator.start_code")}</label>
              <input
                id="sim-start"
                name="start"
                type="text"
                maxlength={64}
                spellcheck={false}
                aria-describedby="sim-start-help"
              />
              <span id="sim-start-help" class="gl-help">
                {t("console_pages:simulator.start_code_help")}
              </span>
            </p>
            <button type="submit">{t("console_pages:simulator.restart")}</button>
          </form>
          <div class="gl-sim-main">
            <section aria-labelledby="sim-chat-heading" class="gl-sim-chat">
              <h2 id="sim-chat-heading">{t("console_pages:simulator.chat")}</h2>
              <div
                id="sim-log"
                role="log"
                aria-live="polite"
                aria-labelledby="sim-chat-heading"
                tabindex={0}
              ></div>
              <form id="sim-send" class="gl-sim-send">
                <label for="sim-line">{t("console_pages:simulator.message")}</label>
                <input id="sim-line" name="line" type="text" autocomplete="off" maxlength={4096} />
                <button type="submit">{t("console_pages:simulator.send")}</button>
              </form>
              <p>
                <button id="sim-save" type="button">
                  {t("console_pages:simulator.save")}
                </button>
              </p>
              <p id="sim-status" role="status"></p>
            </section>
            <aside aria-labelledby="sim-vars-heading" class="gl-sim-state">
              <h2 id="sim-vars-heading">{t("console_pages:simulator.variables")}</h2>
              <dl id="sim-vars"></dl>
              <h2 id="sim-events-heading">{t("console_pages:simulator.events")}</h2>
              <ol id="sim-events" aria-labelledby="sim-events-heading"></ol>
            </aside>
          </div>
        </div>
        <script src={`${base}/simulator.js`} defer></script>
      </>,
      { title: t("console_pages:simulator.title") },
    );
  });
  return app;
}

/** What the script needs to say and where it posts, as data attributes. */
function clientTexts(base: string, t: ConsoleT): Record<string, string> {
  const keys = ["you", "bot", "failed", "expired", "saved", "nothing_to_save", "at", "no_events"];
  return {
    "data-start": `${base}/start`,
    "data-turn": `${base}/turn`,
    ...Object.fromEntries(
      keys.map((k) => [`data-text-${k.replace(/_/g, "-")}`, t(`console_pages:simulator.client.${k}`)]),
    ),
  };
}
