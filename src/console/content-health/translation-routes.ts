/**
 * The translation workflow of `npm run translations` as console routes (admins only), mounted by
 * content health at /translations: `GET /export?lang&format&only` answers the file as a download;
 * `POST /import` (multipart, field `file`) checks the upload exactly as the CLI does and writes
 * `locales/<lng>/*.json` and review.yaml only when no row is wrong. The hot reload then serves the
 * new texts. Each import that writes is recorded in the audit log (who, which language).
 */
import { basename } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentPaths } from "../../flows/load-content.ts";
import {
  exportSelections,
  exportTranslations,
  formatNames,
  importTranslations,
  type ExportSelection,
  type FormatName,
} from "../../translations/index.ts";
import type { AuditEntry } from "../../staff/staff-store.ts";
import { requireRole } from "../auth/require-staff.ts";
import type { ConsoleEnv } from "../console-env.ts";
import { downloadHeaders } from "./translation-download.ts";
import type { TransferOutcome } from "./translation-forms.tsx";

export interface TranslationDeps {
  /** The service's content directory: the texts are read from and written to its locales/. */
  paths: ContentPaths;
  /** The staff audit log (StaffStore.audit). */
  audit: (entry: Omit<AuditEntry, "at">) => Promise<void>;
  /** The date recorded with texts an import marks reviewed. */
  today?: () => Date;
}

/**
 * A language's export is well under 1 MB in every format (about 160 KB for Thai as XLIFF); the
 * limit leaves room for longer languages while keeping a compressed workbook's unpacked size small.
 */
export const maxUploadBytes = 4 * 1024 * 1024;

/** Shows content health with the outcome of an export or import, with the given status. */
export type ShowOutcome = (
  c: Context<ConsoleEnv>,
  outcome: TransferOutcome,
  status: number,
) => Promise<Response>;

/** What writing to a read-only or foreign-owned content directory fails with. */
const notWritable = ["EACCES", "EPERM", "EROFS"];

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((a) => a === value);

export function translationRoutes(deps: TranslationDeps, show: ShowOutcome): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use("*", requireRole("admin"));

  app.get("/export", async function exportFile(c) {
    const lang = c.req.query("lang") ?? "";
    const format = pick<FormatName>(formatNames, c.req.query("format"));
    const only = pick<ExportSelection>(exportSelections, c.req.query("only") ?? "all");
    if (!lang || !format || !only) return show(c, { kind: "error", key: "bad_choice" }, 400);
    const result = await exportTranslations(deps.paths, { lang, format, only });
    if (!result.ok) return show(c, { kind: "error", key: "export_failed", reason: result.message }, 400);
    return c.body(new Uint8Array(result.data), 200, downloadHeaders(lang, only, format));
  });

  app.post(
    "/import",
    bodyLimit({
      maxSize: maxUploadBytes,
      onError: (c) => show(c as Context<ConsoleEnv>, { kind: "error", key: "too_large" }, 413),
    }),
    async function importFile(c) {
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) return show(c, { kind: "error", key: "no_file" }, 400);
      const fileName = basename(file.name.replace(/\\/g, "/")) || "upload";
      const by = typeof body.by === "string" ? body.by.trim().slice(0, 80) : "";
      const dryRun = body.check_only === "on";
      let result;
      try {
        result = await importTranslations(deps.paths, {
          fileName,
          data: Buffer.from(await file.arrayBuffer()),
          ...(by ? { by } : {}),
          today: deps.today?.() ?? new Date(),
          dryRun,
        });
      } catch (error) {
        // A content directory the service may not write (a container image's): say so, not a bare 500.
        const code = (error as NodeJS.ErrnoException).code;
        if (!code || !notWritable.includes(code)) throw error;
        return show(c, { kind: "error", key: "not_writable", reason: deps.paths.localesDir }, 503);
      }
      if (!result.ok) return show(c, { kind: "refused", fileName, problems: result.problems }, 400);
      if (result.written.length)
        await deps.audit({
          actor: c.var.staff.name,
          action: "translations_imported",
          subject: result.language ?? "",
        });
      return show(c, { kind: "imported", fileName, dryRun, result }, 200);
    },
  );
  return app;
}
