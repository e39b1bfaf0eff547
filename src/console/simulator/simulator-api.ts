/**
 * The simulator's JSON endpoints, called by simulator.js:
 *   POST /start  { source, dir?, rendering, lang?, country?, start? } -> a new conversation's first turn
 *   POST /turn   { sim, rendering, line, choice? }                    -> the next turn
 * Each answer holds the rendered messages, the engine's events, the conversation's variables
 * and the turn as a transcript chunk (`> line` then the replies as the staff chat prints them),
 * which the browser joins into a golden transcript.
 */
import type { Context } from "hono";
import { z } from "zod";
import { formatReplies } from "../../channels/numbered-text.ts";
import { parseLine } from "../../channels/terminal/parse-line.ts";
import { listButtonText } from "../../channels/whatsapp-cloud/list-button.ts";
import type { ContentSource, LiveContent } from "../../content/content-source.ts";
import { matchLanguage } from "../../conversation/engine-context.ts";
import { parseStartPayload } from "../../conversation/start-payload.ts";
import type { Input, StartPayload } from "../../engine/index.ts";
import { contentPaths, loadContent } from "../../content/load-content.ts";
import { formatProblem } from "../../content/files/problem.ts";
import type { ConsoleEnv } from "../console-env.ts";
import { renderMessages, renderings, type Rendering } from "./render-messages.ts";
import type { SimTurn, Simulation, Simulations } from "./simulations.ts";
import { channelDeclarations } from "../../channels/limits.ts";

const startSchema = z.strictObject({
  source: z.enum(["served", "directory"]),
  dir: z.string().max(500).optional(),
  rendering: z.enum(renderings),
  lang: z.string().max(16).optional(),
  country: z.string().max(16).optional(),
  start: z.string().max(64).optional(),
});

const turnSchema = z.strictObject({
  sim: z.string().uuid(),
  rendering: z.enum(renderings),
  line: z.string().max(4096),
  choice: z.strictObject({ node: z.string().max(32), option: z.string().max(32) }).optional(),
});

/**
 * JSON bodies only: a cross-site form can post text/plain or form data without the browser
 * asking first, but not application/json, so this adds to the console's CSRF protection.
 */
async function jsonBody(c: Context<ConsoleEnv>): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header("Content-Type") ?? "")) return null;
  return c.req.json().catch(() => null);
}

export function simulatorApi(content: ContentSource, sims: Simulations) {
  return {
    async start(c: Context<ConsoleEnv>) {
      const body = startSchema.safeParse(await jsonBody(c));
      if (!body.success) return c.json({ error: c.var.t("console_pages:simulator.bad_request") }, 400);
      const settings = body.data;
      if (settings.source === "directory" && c.var.staff.role !== "admin")
        return c.json({ error: c.var.t("console_pages:simulator.directory_admin_only") }, 403);
      const loaded =
        settings.source === "directory"
          ? loadDirectory(settings.dir)
          : { live: content.current(), problems: [] };
      if (!loaded.live)
        return c.json(
          { error: c.var.t("console_pages:simulator.directory_errors"), problems: loaded.problems },
          422,
        );
      const { presets, notes } = presetsFor(loaded.live, settings, c.var.t);
      const sim = sims.start(c.var.staff.name, loaded.live, presets);
      const result = await sims.turn(sim, { type: "start", payload: presets });
      return c.json({ sim: sim.id, notes, ...view(sim, result, settings.rendering, "start") });
    },
    async turn(c: Context<ConsoleEnv>) {
      const body = turnSchema.safeParse(await jsonBody(c));
      if (!body.success) return c.json({ error: c.var.t("console_pages:simulator.bad_request") }, 400);
      const sim = sims.get(body.data.sim, c.var.staff.name);
      if (!sim) return c.json({ error: c.var.t("console_pages:simulator.expired") }, 404);
      const { line, choice } = body.data;
      const input: Input | null = choice
        ? { type: "choice", node: choice.node, option: choice.option }
        : parseLine(line, false, sim.presets);
      if (!input) return c.json({ error: c.var.t("console_pages:simulator.empty") }, 400);
      const result = await sims.turn(sim, input);
      return c.json({ sim: sim.id, ...view(sim, result, body.data.rendering, line.trim()) });
    },
  };
}

function view(sim: Simulation, result: SimTurn, rendering: Rendering, line: string) {
  // The list button in the language and content version the turn was rendered with.
  const listButton = listButtonText(sim.content.translator, result.language);
  const replies = formatReplies(result.replies);
  return {
    messages: renderMessages(result.replies, rendering, listButton),
    language: result.language,
    events: result.events,
    vars: result.state?.vars ?? {},
    at: result.state?.at ? `${result.state.at.flow} / ${result.state.at.node}` : null,
    transcript: `> ${line}\n${replies}`,
  };
}

/** Content from a directory on the server; its problems when it would not be served. */
function loadDirectory(dir: string | undefined): { live: LiveContent | null; problems: string[] } {
  if (!dir?.trim()) return { live: null, problems: [] };
  const content = loadContent(contentPaths(dir.trim()), { channels: channelDeclarations });
  if (!content.bundle || !content.translator)
    return {
      live: null,
      problems: content.problems
        .filter((p) => p.severity === "error")
        .slice(0, 50)
        .map(formatProblem),
    };
  return { live: { bundle: content.bundle, translator: content.translator }, problems: [] };
}

/** As the staff chat reads --start, --lang and --country; a value that matches nothing is said. */
function presetsFor(
  live: LiveContent,
  settings: { lang?: string | undefined; country?: string | undefined; start?: string | undefined },
  t: ConsoleEnv["Variables"]["t"],
): { presets: StartPayload; notes: string[] } {
  const presets: StartPayload = { ...parseStartPayload(settings.start?.trim()) };
  const notes: string[] = [];
  if (settings.lang) {
    const language = matchLanguage(settings.lang, live.translator.languages);
    if (language) presets.language = language;
    else notes.push(t("console_pages:simulator.no_language", { value: settings.lang }));
  }
  if (settings.country) {
    const country = [...live.bundle.referrals.keys()].find(
      (k) => k.toLowerCase() === settings.country!.toLowerCase(),
    );
    if (country) presets.country = country;
    else notes.push(t("console_pages:simulator.no_country", { value: settings.country }));
  }
  return { presets, notes };
}
