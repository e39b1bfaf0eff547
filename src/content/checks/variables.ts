/**
 * Checks the values flows give to `country` and `language`: a country with no referral file or a
 * language Guardline does not speak would silently show the wrong contacts or texts.
 */
import type { Problem } from "../files/problem.ts";
import type { Loaded } from "./loaded.ts";

export function checkVariables(loaded: Loaded): Problem[] {
  const problems: Problem[] = [];
  // A referral file that was refused is reported there; the flows naming its country are not wrong.
  const countries = new Set([...loaded.referrals.directory.keys(), ...loaded.referrals.failed]);
  const languages = new Set(Object.keys(loaded.locales.manifest?.locales ?? {}));
  const known: Record<string, { values: Set<string>; what: string }> = {
    country: { values: countries, what: "a country with a referral file in flows/referrals/" },
    language: { values: languages, what: "a locale listed in locales/manifest.yaml" },
  };
  const check = (
    variable: string,
    value: string,
    at: Omit<Problem, "severity" | "message" | "rule">,
    use: "set" | "case",
  ) => {
    const rule = known[variable];
    if (!rule || !rule.values.size || rule.values.has(value)) return;
    const consequence =
      use === "set" ? `so \`${variable}\` cannot be set to it` : "so this case can never match";
    problems.push({
      ...at,
      rule: "unknown-variable-value",
      severity: "error",
      message: `\`${value}\` is not ${rule.what}, ${consequence}`,
    });
  };
  for (const { flow, source } of loaded.flows.flows) {
    flow.nodes.forEach((node, i) => {
      const where = (...path: (string | number)[]) => ({
        file: source.file,
        ...source.positionOf(["nodes", i, ...path]),
        flow: flow.id,
        node: node.id,
      });
      if (node.type === "question") {
        node.options.forEach((option, j) => {
          for (const [variable, value] of Object.entries(option.set ?? {}))
            check(variable, value, where("options", j, "set", variable), "set");
        });
      }
      if (node.type === "branch") {
        for (const value of Object.keys(node.cases))
          if (value !== "*") check(node.on, value, where("cases", value), "case");
      }
    });
  }
  const settings = loaded.flows.settings;
  if (settings && countries.size && !countries.has(settings.value.fallback_country)) {
    problems.push({
      file: settings.source.file,
      ...settings.source.positionOf(["fallback_country"]),
      rule: "unknown-fallback-country",
      severity: "error",
      message: `fallback country \`${settings.value.fallback_country}\` has no referral file in flows/referrals/`,
    });
  }
  return problems;
}
