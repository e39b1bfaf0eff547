/**
 * Checks what people can reach across flows: a flow that nothing starts and a language that no
 * option offers are both content nobody will ever see, usually because one line was forgotten.
 */
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";

export function checkReach(loaded: Loaded): Problem[] {
  const { flows, settings, failed } = loaded.flows;
  // A flow that failed to load may be the one that leads elsewhere: say nothing rather than guess.
  if (!settings || failed.length) return [];
  const byId = new Map(flows.map((f) => [f.flow.id, f]));
  const roots = (["start", "menu", "help", "language"] as const).map((role) => settings.value[role]);
  const reached = new Set<string>();
  const queue = roots.filter((id) => byId.has(id));
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const node of byId.get(id)!.flow.nodes) queue.push(...flowTargets(node).filter((t) => byId.has(t)));
  }
  const problems: Problem[] = [];
  for (const { flow, source } of flows) {
    if (!reached.has(flow.id))
      problems.push({
        file: source.file,
        ...source.positionOf(["id"]),
        rule: "flow-not-reached",
        severity: "warning",
        message: `flow \`${flow.id}\` is never started: no option or node leads to it (add \`flow: ${flow.id}\` to an option, for example in the menu) and settings.yaml does not name it`,
        flow: flow.id,
      });
  }
  const manifest = loaded.locales.manifest;
  const manifestSource = loaded.locales.manifestSource;
  if (!manifest || !manifestSource) return problems;
  const offered = new Set(
    flows.flatMap(({ flow }) =>
      flow.nodes.flatMap((n) =>
        n.type === "question" ? n.options.flatMap((o) => (o.set?.language ? [o.set.language] : [])) : [],
      ),
    ),
  );
  for (const locale of Object.keys(manifest.locales)) {
    if (!offered.has(locale))
      problems.push({
        file: manifestSource.file,
        ...manifestSource.keyPositionOf(["locales", locale]),
        rule: "locale-not-offered",
        severity: "warning",
        message: `language \`${locale}\` is never offered: no option sets \`language: ${locale}\`; add one to the lists in flows/${settings.value.language}.yaml`,
        locale,
      });
  }
  return problems;
}

function flowTargets(node: FlowNode): string[] {
  switch (node.type) {
    case "question":
      return node.options.flatMap((o) => (o.flow ? [o.flow] : []));
    case "message":
    case "referrals":
      return node.flow ? [node.flow] : [];
    case "call":
      return [node.flow];
    default:
      return [];
  }
}
