/**
 * Where each node of a flow is written (`flows/x.yaml:12`), read from the flow files with
 * positions. The served version is compared by content hash: a file edited since it was loaded
 * (and not yet reloaded, or refused) says so instead of pointing at the wrong line.
 */
import { dirname, relative } from "node:path";
import { loadFlows } from "../../flows/load-flows.ts";

export interface NodeSource {
  /** `flows/menu.yaml:9`. */
  at: string;
  /** The file on disk is not the version being served. */
  changed: boolean;
}

export type NodeSources = (flow: string, version: string) => Map<string, NodeSource>;

export function nodeSources(flowsDir: string): NodeSources {
  const root = dirname(flowsDir);
  return (flowId, version) => {
    const loaded = loadFlows(flowsDir).flows.find((f) => f.flow.id === flowId);
    const sources = new Map<string, NodeSource>();
    if (!loaded) return sources;
    const file = relative(root, loaded.source.file);
    loaded.flow.nodes.forEach((node, i) => {
      const { line } = loaded.source.positionOf(["nodes", i]);
      sources.set(node.id, { at: `${file}:${line}`, changed: loaded.flow.version !== version });
    });
    return sources;
  };
}
