/**
 * The import rules of .dependency-cruiser.mjs hold for src/: no cycle between folders or modules,
 * the engine pure, nothing outside the engine reaching into it. A fixture that breaks every rule
 * shows that each one can fail.
 */
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import config from "../.dependency-cruiser.mjs";

/**
 * Violations still to be fixed: none. A rule broken for a good reason would be listed here, one
 * line per violation; the test fails when a listed violation no longer occurs, so the list only
 * shrinks.
 */
const known: string[] = [];

/** Each violation as `rule: from -> to`, sorted; `baseDir` is the folder holding src/. */
async function violations(baseDir?: string): Promise<string[]> {
  const { output } = await cruise(["src"], {
    ...config.options,
    ...(baseDir ? { baseDir } : {}),
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  if (typeof output === "string") throw new Error(output);
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe("import rules", () => {
  it("hold for src/, apart from the known violations still to be fixed", async () => {
    const found = await violations();
    const fresh = found.filter((v) => !known.includes(v));
    const fixed = known.filter((v) => !found.includes(v));
    expect(fresh, "new violations of .dependency-cruiser.mjs").toEqual([]);
    expect(fixed, "fixed: remove these from the known list").toEqual([]);
  }, 60_000);

  it("catch a folder cycle, a module cycle, an impure engine and a reach into engine internals", async () => {
    const fixture = new URL("fixtures/import-rules", import.meta.url).pathname;
    expect(await violations(fixture)).toEqual([
      "engine-stays-pure: src/engine/step.ts -> src/channels/send.ts",
      "no-engine-internals: src/channels/send.ts -> src/engine/internal.ts",
      "no-folder-cycle: src/channels -> src/engine",
      "no-folder-cycle: src/engine -> src/channels",
      "no-module-cycle: src/util/a.ts -> src/util/b.ts",
    ]);
  }, 60_000);
});
