/** Loads test content once per file and builds engine contexts, as the server does. */
import { createEngineContext } from "../../src/conversation/engine-context.ts";
import type { EngineContext, Flow, FlowBundle } from "../../src/engine/index.ts";
import { createFlowBundle } from "../../src/flows/definition/index.ts";
import { contentPaths, loadContent, type Content } from "../../src/content/load-content.ts";
import { formatProblem } from "../../src/content/files/problem.ts";
import type { Translator } from "../../src/i18n/translator.ts";
import { channelDeclarations } from "../../src/channels/limits.ts";

export const miniDir = new URL("../fixtures/mini", import.meta.url).pathname;
export const shippedDir = new URL("../..", import.meta.url).pathname;

export function loadOk(dir: string): Content & { bundle: FlowBundle; translator: Translator } {
  const content = loadContent(contentPaths(dir), { channels: channelDeclarations });
  if (!content.bundle || !content.translator) {
    throw new Error(
      `content in ${dir} has errors:\n${content.problems
        .filter((p) => p.severity === "error")
        .map(formatProblem)
        .join("\n")}`,
    );
  }
  return content as Content & { bundle: FlowBundle; translator: Translator };
}

export function contextFor(
  content: { bundle: FlowBundle; translator: Translator },
  extraFlows: Flow[] = [],
  language?: string,
): EngineContext {
  const flows = new Map(content.bundle.flows);
  for (const flow of extraFlows) flows.set(flow.id, flow);
  const { settings, referrals } = content.bundle;
  return createEngineContext(
    createFlowBundle(flows.values(), settings, referrals),
    content.translator,
    language,
  );
}
