/**
 * `npm run translations -- export --lang th [--format xliff|po|xlsx|csv] [--only missing|stale|all] [--out FILE] [--dir DIR]`
 * `npm run translations -- import FILE [--lang th] [--by NAME] [--dry-run] [--dir DIR]`
 *
 * Export writes one language's texts for a translator's own tool; import checks the file and
 * writes locales/<lng>/*.json and review.yaml only when every row is fine. Exit 1 on problems.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { contentPaths } from "../content/load-content.ts";
import {
  exportSelections,
  exportTranslations,
  type ExportSelection,
} from "../translations/export-translations.ts";
import { formatNames, formatOfFile, type FormatName } from "../translations/formats/index.ts";
import { formatImportProblem, importTranslations } from "../translations/import-translations.ts";

const usage = [
  "usage: npm run translations -- export --lang <lng> [--format xliff|po|xlsx|csv] [--only missing|stale|all] [--out FILE]",
  "       npm run translations -- import <file> [--lang <lng>] [--by NAME] [--dry-run]",
  "       (both take --dir DIR: a folder with flows/ and locales/; default: .)",
].join("\n");

export interface TranslationsIo {
  out: (line: string) => void;
  /** Standard output for an export without --out. */
  stdout: (data: Buffer) => void;
  today: Date;
}

export async function runTranslationsCommand(args: readonly string[], io: TranslationsIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        lang: { type: "string" },
        format: { type: "string" },
        only: { type: "string" },
        out: { type: "string" },
        by: { type: "string" },
        dir: { type: "string" },
        "dry-run": { type: "boolean" },
      },
    });
  } catch (error) {
    io.out(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const paths = contentPaths(values.dir ?? ".");
  const [command, file, ...rest] = positionals;
  if (command === "export" && !file) return exportCommand(paths, values, io);
  if (command === "import" && file && !rest.length) {
    const result = await importTranslations(paths, {
      fileName: file,
      data: readFileSync(file),
      ...(values.lang ? { lang: values.lang } : {}),
      ...(values.by ? { by: values.by } : {}),
      today: io.today,
      dryRun: Boolean(values["dry-run"]),
    });
    for (const problem of result.problems) io.out(formatImportProblem(problem));
    const errors = result.problems.filter((p) => p.severity === "error").length;
    if (!result.ok) {
      io.out(`✗ nothing imported: ${errors} problem(s) to fix in ${file}`);
      return 1;
    }
    const what = `${result.changedTexts.length} text(s) changed, ${result.changedStates.length} review state(s) set`;
    io.out(
      values["dry-run"]
        ? `✓ ${file} can be imported: ${what} (dry run, nothing written)`
        : `✓ ${result.language}: ${what}; wrote ${result.written.map((w) => relative(process.cwd(), `${paths.localesDir}/${w}`)).join(", ") || "nothing (no change)"}`,
    );
    return 0;
  }
  io.out(usage);
  return 2;
}

async function exportCommand(
  paths: ReturnType<typeof contentPaths>,
  values: { lang?: string; format?: string; only?: string; out?: string },
  io: TranslationsIo,
): Promise<number> {
  if (!values.lang) {
    io.out(`export needs --lang\n${usage}`);
    return 2;
  }
  const format = (values.format ??
    (values.out ? formatOfFile(values.out) : undefined) ??
    "xliff") as FormatName;
  if (!formatNames.includes(format)) {
    io.out(`unknown --format "${values.format}"; use one of ${formatNames.join(", ")}`);
    return 2;
  }
  const only = (values.only ?? "all") as ExportSelection;
  if (!exportSelections.includes(only)) {
    io.out(`unknown --only "${values.only}"; use one of ${exportSelections.join(", ")}`);
    return 2;
  }
  const result = await exportTranslations(paths, { lang: values.lang, format, only });
  if (!result.ok) {
    io.out(result.message);
    return 1;
  }
  if (values.out) {
    writeFileSync(values.out, result.data);
    io.out(`✓ ${result.count} text(s) of ${values.lang} written to ${values.out}`);
  } else io.stdout(result.data);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
  const code = await runTranslationsCommand(process.argv.slice(2), {
    out: (line) => process.stderr.write(`${line}\n`),
    stdout: (data) => process.stdout.write(data),
    today: new Date(),
  });
  process.exit(code);
}
