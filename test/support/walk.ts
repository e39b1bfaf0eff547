/**
 * Walks a topic of the shipped flows the way a curious parent would: at every question, the first
 * option not chosen there yet, until the conversation is back at the main menu. Deterministic,
 * so its transcript can be a golden file, and it keeps up with content changes by itself.
 */
import { formatReplies } from "../../src/channels/terminal/format-replies.ts";
import { createEngineContext } from "../../src/conversation/engine-context.ts";
import { step, type Input, type SessionState, type StepResult } from "../../src/engine/index.ts";
import type { FlowBundle } from "../../src/engine/index.ts";
import { render } from "../../src/i18n/render.ts";
import type { Translator } from "../../src/i18n/translator.ts";

export interface Walk {
  transcript: string;
  results: StepResult[];
}

export function walkTopic(
  content: { bundle: FlowBundle; translator: Translator },
  options: { language: string; country: string; topic: number; maxSteps?: number },
): Walk {
  const ctx = createEngineContext(content.bundle, content.translator);
  const menu = content.bundle.settings.menu;
  const lines: string[] = [];
  const results: StepResult[] = [];
  let state: SessionState | null = null;
  const send = (label: string, input: Input) => {
    const result = step(input, state, ctx);
    state = result.state;
    results.push(result);
    const language = result.state.vars.language ?? ctx.defaultLanguage;
    lines.push(
      `> ${label}`,
      formatReplies(
        render(result.outputs, language, content.translator, {
          link: "https://t.me/guardline_bot?start=demo",
        }),
      ),
      "",
    );
  };
  send("start", { type: "start", payload: { language: options.language, country: options.country } });
  send(String(options.topic), { type: "text", text: String(options.topic) });
  const chosen = new Map<string, Set<number>>();
  for (let i = 0; i < (options.maxSteps ?? 60); i++) {
    const at = (state as SessionState | null)?.at;
    if (!at || at.flow === menu) break;
    const question = results.at(-1)!.outputs.findLast((o) => o.type === "question");
    const count = question?.type === "question" ? question.options.length : 1;
    const key = `${at.flow}:${at.node}`;
    const done = chosen.get(key) ?? new Set<number>();
    const pick = Array.from({ length: count }, (_, n) => n + 1).find((n) => !done.has(n)) ?? count;
    done.add(pick);
    chosen.set(key, done);
    send(String(pick), { type: "text", text: String(pick) });
  }
  return { transcript: `${lines.join("\n").trim()}\n`, results };
}
