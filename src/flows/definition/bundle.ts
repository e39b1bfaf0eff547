/**
 * Builds the bundle of one content version, computing once what every turn and report asks of
 * it, so the engine, the server's reports and the analytics CLI never work it out again.
 */
import type { ReferralDirectory } from "../../referrals/schema.ts";
import type { Settings } from "./schema.ts";
import type { Flow, FlowBundle } from "./flow.ts";

export function createFlowBundle(
  flows: Iterable<Flow>,
  settings: Settings,
  referrals: ReferralDirectory,
): FlowBundle {
  const byId = new Map([...flows].map((f): [string, Flow] => [f.id, f]));
  return { flows: byId, settings, referrals, topics: menuTopics(byId.get(settings.menu)) };
}

/** The topics: the flows the main menu's options lead to, in the menu's order. */
function menuTopics(menu: Flow | undefined): ReadonlySet<string> {
  const topics = new Set<string>();
  for (const node of menu?.nodes ?? [])
    if (node.type === "question") for (const option of node.options) if (option.flow) topics.add(option.flow);
  return topics;
}
