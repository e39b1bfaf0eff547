/** A report figure as every console page shows it: suppressed ones as "fewer than N", never 0 or the number. */
import type { Figure } from "../../analytics/suppression.ts";
import type { ConsoleT } from "../console-env.ts";

export function figureText(figure: Figure | null | undefined, minCount: number, t: ConsoleT): string {
  if (figure === null || figure === undefined) return "";
  return figure === "suppressed" ? t("console_pages:figures.fewer_than", { n: minCount }) : String(figure);
}
