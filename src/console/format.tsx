/** How the console shows figures: a number, or "fewer than N" for a suppressed one (never 0, never the number). */
import type { Figure } from "../analytics/suppression.ts";
import type { ConsoleT } from "./console-env.ts";

export function showFigure(t: ConsoleT, figure: Figure | null, minCount: number): string {
  if (figure === null) return "–";
  if (figure === "suppressed") return t("fewer_than", { count: minCount });
  return figure.toLocaleString("en");
}

export function showRate(t: ConsoleT, rate: Figure | null, minCount: number): string {
  if (rate === null) return "–";
  if (rate === "suppressed") return t("suppressed_rate", { count: minCount });
  return `${Math.round(rate * 1000) / 10}%`;
}

/** A figure for a chart: suppressed figures are gaps, never drawn as 0. */
export const chartValue = (figure: Figure): number | null => (figure === "suppressed" ? null : figure);
