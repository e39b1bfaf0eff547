/**
 * The engine's one entry point: (input, state, context) -> new state, outputs and events.
 * Pure and synchronous: it reads flows and texts through the context and does no I/O; the caller
 * sends the outputs, stores the state and counts the events.
 */
import type { FlowOption } from "../flows/definition/schema.ts";
import { classifyText, mentionsDanger } from "./classify-text.ts";
import { optionId } from "../flows/definition/index.ts";
import { Run, targetDestination } from "./run.ts";
import { freshState } from "./state.ts";
import { normalise } from "./normalise.ts";
import {
  confirmEraseNode,
  type EngineContext,
  type GlobalKeyword,
  type Input,
  type SessionState,
  type StartPayload,
  type StepResult,
  type Vars,
} from "./types.ts";

export function step(input: Input, previous: SessionState | null, ctx: EngineContext): StepResult {
  const run = new Run(ctx, previous ? structuredClone(previous) : freshState({}));
  if (input.type === "start" || !previous) {
    begin(run, input.type === "start" ? input.payload : undefined);
  }
  handle(run, input);
  return finish(run);
}

function finish(run: Run): StepResult {
  const result: StepResult = {
    state: run.state,
    outputs: run.outputs,
    events: run.events,
    waiting: run.waiting(),
    path: run.path,
  };
  if (run.signal) result.signal = run.signal;
  return result;
}

/** A new conversation: presets from the deep link, then the start flow (unless the input is a keyword). */
function begin(run: Run, payload: StartPayload | undefined): void {
  const vars: Vars = { ...run.state.vars };
  if (payload?.campaign) vars.campaign = payload.campaign;
  if (payload?.language && run.ctx.languages.includes(payload.language)) vars.language = payload.language;
  if (payload?.country && run.ctx.bundle.referrals.has(payload.country)) vars.country = payload.country;
  run.state = freshState(vars);
  run.emit(
    payload?.campaign
      ? { type: "conversation_started", campaign: payload.campaign }
      : { type: "conversation_started" },
  );
  run.state.resume = null;
}

function handle(run: Run, input: Input): void {
  if (input.type === "start") return run.startFlow(run.ctx.bundle.settings.start);
  if (run.state.pending === "erase") {
    delete run.state.pending;
    const answer = confirmation(run, input);
    if (answer === "yes") return erase(run);
    if (answer === "no") {
      run.say("common:erase_confirm.kept");
      return run.reask();
    }
    // Anything else ("stop", "menu", a danger word, an answer) is handled as usual: nothing is erased.
  }
  const wasNew = run.state.at === null && run.events.some((e) => e.type === "conversation_started");
  // The flow changed under the person. Keywords and danger words still work as always; only an
  // answer to the old question is met with a polite restart.
  const stale = run.state.at !== null && !run.current();
  const restart = () => run.restart(run.state.at!.flow);
  switch (input.type) {
    case "command":
      return keyword(run, input.command);
    case "unsupported":
      run.emit({ type: "unsupported_input", kind: input.kind });
      // "Look at this, my child is in danger" under a photo must still reach the emergency contacts.
      if (input.caption && mentionsDanger(input.caption, run.dangerMatchers())) return safeguarding(run);
      if (stale) return restart();
      run.say("common:unsupported_input");
      return wasNew ? run.startFlow(run.ctx.bundle.settings.start) : run.reask();
    case "choice":
      return stale ? restart() : choice(run, input.node, input.option);
    case "text":
      return text(run, input.text, wasNew, stale);
  }
}

function text(run: Run, typed: string, wasNew: boolean, stale: boolean): void {
  const current = run.current();
  const language = run.language;
  const meaning = classifyText(
    typed,
    current?.node.options ?? [],
    run.ctx.keywords(language),
    (key) => run.ctx.label(language, key.includes(":") ? key : `${current!.flow.id}:${key}`),
    run.dangerMatchers().slice(1),
  );
  switch (meaning.kind) {
    case "keyword":
      return keyword(run, meaning.keyword);
    case "option":
      return choose(run, meaning.option);
    case "safeguarding":
      return safeguarding(run);
    case "unknown":
      if (stale) return run.restart(run.state.at!.flow);
      if (wasNew) return run.startFlow(run.ctx.bundle.settings.start);
      if (!current) return run.toMenu();
      return notUnderstood(run);
  }
}

function choice(run: Run, node: string, wanted: string): void {
  const current = run.current();
  const option =
    current?.node.id === node ? current.node.options.find((o) => optionId(o) === wanted) : undefined;
  if (!option) {
    // A button from an earlier message: say so and show where the person really is.
    run.say("common:stale_button");
    return run.reask();
  }
  choose(run, option);
}

function choose(run: Run, option: FlowOption): void {
  const { flow, node } = run.current()!;
  const id = optionId(option);
  run.emit({ type: "option_chosen", flow: flow.id, version: flow.version, node: node.id, option: id });
  run.passed(
    flow,
    node.id,
    { kind: "option", option: id },
    option.flow
      ? { kind: "flow", flow: option.flow }
      : option.next
        ? targetDestination(option.next)
        : { kind: "node", node: node.id },
  );
  if (option.set) run.state.vars = { ...run.state.vars, ...option.set };
  run.rememberCurrent();
  run.state.misses = 0;
  if (option.flow) return run.handOver(flow, option.flow);
  if (option.next) return run.go(flow, option.next);
  run.enter(flow, node.id);
}

/**
 * Every "not understood" says how to get help; after `max_misses` in a row the contacts come
 * anyway: someone who cannot find the words may be the person who needs them most.
 */
function notUnderstood(run: Run): void {
  const { flow, node } = run.current()!;
  run.emit({ type: "not_understood", flow: flow.id, version: flow.version, node: node.id });
  const misses = run.state.misses + 1;
  if (misses >= run.ctx.bundle.settings.max_misses) {
    run.say("common:not_understood_menu");
    return interrupt(run);
  }
  if (node.hint) run.say(node.hint.includes(":") ? node.hint : `${flow.id}:${node.hint}`);
  run.say(node.hint ? "common:help_hint" : "common:not_understood");
  run.reask();
  run.state.misses = misses;
}

/** Help and the safeguarding interrupt remember where the person was, so they can come back. */
function interrupt(run: Run): void {
  const help = run.ctx.bundle.settings.help;
  if (run.state.at && run.state.at.flow !== help)
    run.state.resume = { at: run.state.at, stack: run.state.stack };
  run.state.stack = [];
  run.startFlow(help);
}

/** A disclosure: one warm line saying this is an automatic service, then the help flow's contacts. */
function safeguarding(run: Run): void {
  const at = run.state.at;
  const flow = at && run.flow(at.flow);
  run.emit({
    type: "safeguarding_interrupt",
    at: at && flow ? { flow: flow.id, version: flow.version, node: at.node } : null,
  });
  run.say("common:disclosure");
  interrupt(run);
}

function keyword(run: Run, word: GlobalKeyword): void {
  run.emit({ type: "keyword", keyword: word });
  const settings = run.ctx.bundle.settings;
  switch (word) {
    case "menu":
      return run.toMenu();
    case "help":
      return interrupt(run);
    case "back":
      return run.back();
    case "language":
      // Like a `call`: choose a language, then come back to the same question.
      // Asked again while choosing: start the choice over rather than stacking another return.
      if (run.state.at?.flow !== settings.language) {
        const at = run.state.at;
        run.pushReturn(
          at ? { kind: "target", flow: at.flow, version: at.version, target: at.node } : { kind: "menu" },
        );
      }
      return run.startFlow(settings.language);
    case "stop":
      return run.stop();
    case "erase":
      return askToErase(run);
  }
}

/** Erasing cannot be undone, so it asks first (by button or by word); the current place is kept. */
function askToErase(run: Run): void {
  run.state.pending = "erase";
  run.outputs.push({
    type: "question",
    text: { key: "common:erase_confirm.question" },
    node: confirmEraseNode,
    options: [
      { id: "yes", label: { key: "common:erase_confirm.yes" } },
      { id: "no", label: { key: "common:erase_confirm.no" } },
    ],
  });
}

/** The answer to the erase question: a button, its number, a yes/no word or "erase" again. */
function confirmation(run: Run, input: Input): "yes" | "no" | undefined {
  if (input.type === "choice")
    return input.node === confirmEraseNode && (input.option === "yes" || input.option === "no")
      ? input.option
      : undefined;
  if (input.type === "command") return input.command === "erase" ? "yes" : undefined;
  if (input.type !== "text") return undefined;
  const said = normalise(input.text);
  const table = run.ctx.keywords(run.language);
  const label = (key: string) => normalise(run.ctx.label(run.language, key));
  // The option ids "yes" and "no" work in every language, like English keywords.
  if (["1", "yes"].includes(said) || table.yes.has(said) || said === label("common:erase_confirm.yes"))
    return "yes";
  if (["2", "no"].includes(said) || table.no.has(said) || said === label("common:erase_confirm.no"))
    return "no";
  if (table.commands.get(said) === "erase") return "yes";
  return undefined;
}

function erase(run: Run): void {
  // Only the language survives, so the goodbye is in the person's language; the caller deletes the state.
  run.state = freshState(run.state.vars.language ? { language: run.state.vars.language } : {});
  run.signal = "erase";
  run.say("common:erased");
}
