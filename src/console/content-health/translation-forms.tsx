/**
 * Content health's translation files section (admins): the export form (a download), the import
 * form (an upload) and what the last import did: what changed, or every problem as `file:row`
 * with its sentence, in which case nothing was written.
 */
import {
  exportSelections,
  formatNames,
  type ImportProblem,
  type ImportResult,
} from "../../translations/index.ts";
import type { ConsoleT } from "../console-env.ts";
import { ProblemTable } from "./problem-table.tsx";

export type TransferOutcome =
  | { kind: "imported"; fileName: string; dryRun: boolean; result: ImportResult }
  | { kind: "refused"; fileName: string; problems: ImportProblem[] }
  | {
      kind: "error";
      key: "bad_choice" | "export_failed" | "no_file" | "too_large" | "not_writable";
      reason?: string;
    };

/** XLSX first: what most translators open. */
const formatOrder = ["xlsx", ...formatNames.filter((f) => f !== "xlsx")];

export function TranslationForms(props: {
  /** The languages that are translated (not the base), as content health lists them. */
  languages: Array<{ locale: string; name: string }>;
  /** Where content health is mounted. */
  base: string;
  outcome?: TransferOutcome | undefined;
  maxMegabytes: number;
  t: ConsoleT;
}) {
  const { t, base } = props;
  const f = (key: string, params?: Record<string, unknown>) => t(`console_pages:health.files.${key}`, params);
  return (
    <section aria-labelledby="files-heading" id="translation-files">
      <h2 id="files-heading">{f("title")}</h2>
      {props.outcome ? <Outcome outcome={props.outcome} t={t} /> : null}
      <p>{f("intro")}</p>
      <h3>{f("export")}</h3>
      <form method="get" action={`${base}/translations/export`} class="filters">
        <label>
          {f("language")}
          <select name="lang" required>
            {props.languages.map((l) => (
              <option value={l.locale}>{`${l.name} (${l.locale})`}</option>
            ))}
          </select>
        </label>
        <label>
          {f("format")}
          <select name="format">
            {formatOrder.map((format) => (
              <option value={format}>{f(`formats.${format}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {f("only")}
          <select name="only">
            {exportSelections.map((only) => (
              <option value={only}>{f(`selections.${only}`)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{f("download")}</button>
      </form>
      <h3>{f("import")}</h3>
      <form method="post" action={`${base}/translations/import`} enctype="multipart/form-data" class="stack">
        <label>
          {f("file", { size: props.maxMegabytes })}
          <input type="file" name="file" required accept=".xlsx,.xlf,.xliff,.po,.csv" />
        </label>
        <label>
          {f("by")}
          <input name="by" maxlength={80} autocomplete="off" />
        </label>
        <label class="gl-check">
          <input type="checkbox" name="check_only" />
          {f("check_only")}
        </label>
        <button type="submit">{f("upload")}</button>
      </form>
    </section>
  );
}

function Outcome({ outcome, t }: { outcome: TransferOutcome; t: ConsoleT }) {
  const f = (key: string, params?: Record<string, unknown>) => t(`console_pages:health.files.${key}`, params);
  if (outcome.kind === "error")
    return (
      <div class="notice error" role="alert">
        <p>{f(outcome.key, { reason: outcome.reason })}</p>
      </div>
    );
  if (outcome.kind === "refused")
    return (
      <div class="notice error" role="alert">
        <p>
          {f("refused", {
            count: outcome.problems.filter((p) => p.severity === "error").length,
            file: outcome.fileName,
          })}
        </p>
        <ProblemRows problems={outcome.problems} t={t} />
      </div>
    );
  const { result, dryRun, fileName } = outcome;
  const counts = {
    language: result.language,
    file: fileName,
    texts: result.changedTexts.length,
    states: result.changedStates.length,
  };
  const warnings = result.problems.filter((p) => p.severity === "warning");
  return (
    <div class="notice" role="status">
      <p>{f(dryRun ? "checked" : result.written.length ? "imported" : "unchanged", counts)}</p>
      {result.written.length ? <p>{f("wrote", { files: result.written.join(", ") })}</p> : null}
      {warnings.length ? (
        <>
          <p>{f("warnings")}</p>
          <ProblemRows problems={warnings} t={t} />
        </>
      ) : null}
    </div>
  );
}

function ProblemRows({ problems, t }: { problems: ImportProblem[]; t: ConsoleT }) {
  return (
    <ProblemTable
      t={t}
      problems={problems.map((p) => ({
        where: `${p.file}:${p.line}`,
        severity: p.severity,
        message: p.message,
      }))}
    />
  );
}
