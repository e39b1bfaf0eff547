/**
 * `npm run chat -- [--lang xx] [--country CC] [--start PAYLOAD] [--dir DIR] [--no-count]`: talk to
 * the flows in a terminal, as a parent would on a phone. Options appear as numbered choices. With
 * input piped in (not a terminal), each line is one message and replies are printed, so
 * transcripts can be scripted and compared.
 *
 * Staff chats are counted in analytics under the channel `simulator`, which reports leave out
 * unless asked, so trying flows never inflates real figures (`--no-count` skips counting).
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { noAnalytics, type AnalyticsSink } from "../analytics/analytics-sink.ts";
import { createAnalytics, type Analytics } from "../analytics/create-analytics.ts";
import { loadConfig } from "../config/config.ts";
import { parseLine } from "../channels/terminal/parse-line.ts";
import { terminalAdapter } from "../channels/terminal/terminal-adapter.ts";
import { createTurnRunner } from "../channels/turn-runner.ts";
import { fixedContent } from "../content/content-source.ts";
import { createConversation } from "../conversation/conversation.ts";
import { createEngineContext, matchLanguage } from "../conversation/engine-context.ts";
import { step, type Input } from "../engine/index.ts";
import { parseStartPayload } from "../conversation/start-payload.ts";
import { contentPaths, loadContent } from "../content/load-content.ts";
import { formatProblem } from "../content/files/problem.ts";
import { createLogger } from "../logging/create-logger.ts";
import { createMemoryOnceStore } from "../sessions/once-store.ts";
import { createMemorySessionStore } from "../sessions/memory-session-store.ts";
import { createSessionKeyer } from "../sessions/session-key.ts";
import { createTranslator } from "../i18n/translator.ts";
import { withPseudoLocale } from "../translations/pseudo-locale.ts";
import { channelDeclarations } from "../channels/limits.ts";

export interface ChatOptions {
  lang?: string;
  country?: string;
  start?: string;
  dir?: string;
  analytics?: AnalyticsSink;
  /** Where the chat's own problems go (default: errors only, to stderr). */
  logger?: Logger;
}

/** Runs a chat over lines of input; returns the exit code. Exported for tests. */
export async function runChat(
  lines: AsyncIterable<string>,
  write: (text: string) => void,
  options: ChatOptions,
  interactive = false,
): Promise<number> {
  const content = loadContent(contentPaths(options.dir ?? "."), { channels: channelDeclarations });
  if (!content.bundle || !content.translator) {
    for (const p of content.problems.filter((p) => p.severity === "error")) write(formatProblem(p));
    write("The flows have errors; fix them (npm run flows -- check) and try again.");
    return 1;
  }
  // Staff may also chat in the pseudo-locale en-XA (never offered to parents) to spot hard-coded texts.
  const translator = createTranslator(withPseudoLocale(content.loaded.locales));
  const logger = options.logger ?? stderrLogger();
  const keyer = createSessionKeyer(randomBytes(32).toString("hex"));
  const conversation = createConversation({
    content: fixedContent({ bundle: content.bundle, translator }),
    sessions: createMemorySessionStore(),
    keyer,
    // Staff testing is counted under its own channel and left out of reports by default.
    analytics: options.analytics ?? noAnalytics,
    sessionTtlSeconds: 86_400,
    textParams: { link: "https://t.me/your_bot" },
    logger,
  });
  // The same turn pipeline as the phone channels; one turn's messages are printed as one block.
  const shown: string[] = [];
  const runner = createTurnRunner(
    terminalAdapter((text) => shown.push(text)),
    { conversation, keyer, logger, once: createMemoryOnceStore(), dedupeSeconds: 60 },
  );
  let lineNumber = 0;
  const presets = {
    ...startCode(options.start, write),
    ...chatPresets(options, translator.languages, [...content.bundle.referrals.keys()], write),
  };
  const ctx = createEngineContext(content.bundle, content.translator);
  const settings = content.bundle.settings;
  /**
   * Presets ride on the start of the conversation, whatever the first message is. One that would
   * start it anyway ("hello", as people send on WhatsApp) starts it with them; a keyword or a danger
   * word is answered in a conversation started (unseen) with them, so it keeps its meaning.
   */
  const hasPresets = Object.keys(presets).length > 0;
  const startsAnyway = (input: Input) =>
    input.type === "text" && step(input, null, ctx).state.at?.flow === settings.start;
  const say = async (input: NonNullable<ReturnType<typeof parseLine>>) => {
    await runner.accept({ id: String(++lineNumber), inbound: { chatId: "staff", input } });
    await runner.idle();
    write(shown.splice(0).join("\n\n"));
  };
  if (interactive) {
    write("Guardline staff chat. Type a number or a message; Ctrl+D to quit.\n");
    await say({ type: "start", payload: presets });
  }
  let first = !interactive;
  for await (const line of lines) {
    const parsed = parseLine(line, first, presets);
    if (!parsed) continue;
    let input = parsed;
    if (first && hasPresets && parsed.type !== "start") {
      if (startsAnyway(parsed)) input = { type: "start", payload: presets };
      else
        await conversation.handle({
          channel: "simulator",
          chatId: "staff",
          input: { type: "start", payload: presets },
        });
    }
    if (!interactive) write(`\n> ${line.trim()}`);
    first = false;
    await say(input);
  }
  return 0;
}

/** --start as a campaign link would carry it; a code that does not fit is said, not silently dropped. */
function startCode(
  code: string | undefined,
  write: (text: string) => void,
): ReturnType<typeof parseStartPayload> {
  if (code === undefined) return {};
  const payload = parseStartPayload(code);
  if (!Object.keys(payload).length)
    write(
      `(start code "${code}" does not fit <campaign>[-<language>[-<country>]], for example school_visits or rio2026-pt_BR-BR; starting without it)`,
    );
  return payload;
}

/**
 * --lang and --country as staff type them (`pt-br`, `nl`), matched to what the content has; a
 * value that matches nothing is said out loud rather than silently ignored.
 */
function chatPresets(
  options: ChatOptions,
  languages: readonly string[],
  countries: readonly string[],
  write: (text: string) => void,
): { language?: string; country?: string } {
  const presets: { language?: string; country?: string } = {};
  if (options.lang) {
    const language = matchLanguage(options.lang, languages);
    if (language) presets.language = language;
    else write(`(no locale "${options.lang}"; available: ${languages.join(", ")})`);
  }
  if (options.country) {
    const country = countries.find((c) => c.toLowerCase() === options.country!.toLowerCase());
    if (country) presets.country = country;
    else write(`(no referral file for "${options.country}"; available: ${countries.join(", ")})`);
  }
  return presets;
}

export const chatUsage = `usage: npm run chat -- [--lang xx] [--country CC] [--start CODE] [--dir DIR] [--no-count]

Talk to the flows as a parent would; Ctrl+D ends the chat. Piped input: one message per line.
  --lang xx       start in this language (a locale in locales/manifest.yaml, e.g. en, pt-BR)
  --country CC    start in this country (a referral file in flows/referrals/, e.g. NL)
  --start CODE    start as a campaign link would: <campaign>[-<language>[-<country>]]
  --dir DIR       content folder holding flows/ and locales/ (default: .)
  --no-count      do not count this chat in analytics (channel "simulator")
  --help          this text`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        lang: { type: "string" },
        country: { type: "string" },
        start: { type: "string" },
        dir: { type: "string" },
        "no-count": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    process.stdout.write(`${(error as Error).message}\n\n${chatUsage}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${chatUsage}\n`);
    process.exit(0);
  }
  const { "no-count": noCount, help: _help, ...options } = values;
  // `npm run chat ... | head`: a reader that stops early is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
  const interactive = Boolean(process.stdin.isTTY);
  const analytics = noCount ? null : await openStaffAnalytics(options.dir ?? ".");
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    prompt: "> ",
  });
  const code = await runChat(
    rl,
    (text) => process.stdout.write(`${text}\n`),
    { ...options, ...(analytics ? { analytics: analytics.sink } : {}) },
    interactive,
  );
  await analytics?.close();
  process.exit(code);
}

/** The server's analytics database (or the running server's embedded one); none if it cannot be opened. */
async function openStaffAnalytics(dir: string): Promise<Analytics | null> {
  const logger = stderrLogger();
  try {
    const content = loadContent(contentPaths(dir), { channels: channelDeclarations });
    const campaigns = content.bundle?.settings.campaigns ?? [];
    return await createAnalytics({ config: loadConfig(), logger, campaigns, joinOnly: true });
  } catch (error) {
    process.stderr.write(
      `(not counting this chat in analytics: ${error instanceof Error ? error.message : String(error)})\n`,
    );
    return null;
  }
}

function stderrLogger(): Logger {
  return createLogger({
    level: "error",
    destination: { write: (line: string) => process.stderr.write(line) },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
