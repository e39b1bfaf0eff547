/**
 * Reads flows/*.yaml and flows/settings.yaml into typed flows, with every problem located.
 * A file with errors is left out (and reported); the rest still load, so the checker can say
 * everything that is wrong in one run.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Flow } from "./definition/index.ts";
import type { Problem } from "../content/files/problem.ts";
import { flowFileSchema, settingsSchema, type FlowNode, type Settings } from "./definition/schema.ts";
import { readValidated } from "../content/files/read-validated.ts";
import type { SourceFile } from "../content/files/source-file.ts";

export const settingsFileName = "settings.yaml";

export interface LoadedFlow {
  flow: Flow;
  source: SourceFile;
}

export interface LoadedFlows {
  flows: LoadedFlow[];
  /** Flow ids (from file names) of files that failed to load; references to them are not reported again. */
  failed: string[];
  settings: { value: Settings; source: SourceFile } | null;
  problems: Problem[];
}

export function loadFlows(dir: string): LoadedFlows {
  const problems: Problem[] = [];
  const flows: LoadedFlow[] = [];
  const failed: string[] = [];
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f) && f !== settingsFileName)
        .sort()
    : [];
  if (!files.length)
    problems.push({
      file: dir,
      line: 1,
      col: 1,
      rule: "no-flows",
      severity: "error",
      message: "has no flow files (*.yaml)",
    });
  for (const name of files) {
    const parsed = readValidated(join(dir, name), flowFileSchema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      failed.push(name.replace(/\.ya?ml$/, ""));
      continue;
    }
    const file = parsed.value;
    const duplicate = flows.find((f) => f.flow.id === file.id);
    if (duplicate) {
      problems.push({
        file: parsed.source.file,
        ...parsed.source.positionOf(["id"]),
        rule: "duplicate-flow-id",
        severity: "error",
        message: `flow id \`${file.id}\` is already used by ${duplicate.source.file}`,
      });
      continue;
    }
    const nodesById = new Map<string, FlowNode>();
    file.nodes.forEach((node, i) => {
      if (nodesById.has(node.id)) {
        problems.push({
          file: parsed.source.file,
          ...parsed.source.positionOf(["nodes", i, "id"]),
          rule: "duplicate-node-id",
          severity: "error",
          message: `node id \`${node.id}\` is used twice in this flow`,
          flow: file.id,
          node: node.id,
        });
      } else nodesById.set(node.id, node);
    });
    const version = createHash("sha256").update(parsed.source.text).digest("hex").slice(0, 12);
    flows.push({ flow: { ...file, version, nodesById }, source: parsed.source });
  }
  return { flows, failed, settings: loadSettings(dir, problems), problems };
}

function loadSettings(dir: string, problems: Problem[]): LoadedFlows["settings"] {
  const file = join(dir, settingsFileName);
  if (!existsSync(file)) {
    problems.push({
      file,
      line: 1,
      col: 1,
      rule: "missing-settings",
      severity: "error",
      message: "is missing: it names the start, menu, help and language flows",
    });
    return null;
  }
  const parsed = readValidated(file, settingsSchema);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  return { value: parsed.value, source: parsed.source };
}
