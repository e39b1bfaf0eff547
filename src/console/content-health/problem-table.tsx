/**
 * Problems in content files as a table: where (file:line), how serious, and the sentence for
 * authors. The page's content check and a translation upload's check show them the same way.
 */
import type { ConsoleT } from "../console-env.ts";

export interface ProblemRow {
  /** `file:line` or `file:line:col`. */
  where: string;
  severity: "error" | "warning";
  message: string;
  /** The whole problem as one line (a tooltip), when the message alone leaves something out. */
  title?: string;
}

export function ProblemTable({ problems, t }: { problems: ProblemRow[]; t: ConsoleT }) {
  return (
    <table class="gl-table gl-problems">
      <thead>
        <tr>
          <th scope="col">{t("console_pages:health.where")}</th>
          <th scope="col">{t("console_pages:health.severity")}</th>
          <th scope="col">{t("console_pages:health.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p) => (
          <tr class={p.severity === "error" ? "gl-bad" : undefined}>
            <td class="gl-where">
              <code>{p.where}</code>
            </td>
            <td>{t(`console_pages:health.severities.${p.severity}`)}</td>
            <td title={p.title}>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
