/**
 * Gettext PO (gettext-parser): msgctxt is the key, msgid the English, msgstr the translation.
 * Every text that is not `reviewed` carries the `fuzzy` flag, which translation tools (Poedit,
 * Weblate) show as "needs work" and clear when the translator approves it; the stored state is
 * kept in an extracted comment (`#. state: machine`), which tools leave alone.
 */
import { po } from "gettext-parser";
import type { GetTextTranslation } from "gettext-parser";
import { lineOf } from "./line-of.ts";
import { UnreadableFileError, type ExportRow, type ImportedRow, type TranslationFormat } from "./rows.ts";

const context = (row: ExportRow): string =>
  [
    `shows as: ${row.shows_as}`,
    ...(row.limit ? [`limit: ${row.limit}`] : []),
    ...(row.placeholders ? [`placeholders: ${row.placeholders} (keep them as they are)`] : []),
    ...(row.used_in ? [`used in: ${row.used_in}`] : []),
    ...(row.safety_critical
      ? ["safety-critical: a parent may need this text to reach help; translate with care"]
      : []),
    ...(row.shows_as === "keyword list" ? ["separate the words with commas"] : []),
    `state: ${row.state}`,
  ].join("\n");

export const poFormat: TranslationFormat = {
  async write(rows, { language }) {
    const translations: Record<string, Record<string, GetTextTranslation>> = {
      "": { "": { msgid: "", msgstr: [""] } },
    };
    for (const row of rows) {
      translations[row.key] = {
        [row.english]: {
          msgctxt: row.key,
          msgid: row.english,
          msgstr: [row.translation],
          comments: {
            extracted: context(row),
            ...(row.reviewed_by ? { translator: `reviewed by: ${row.reviewed_by}` } : {}),
            ...(row.state !== "reviewed" ? { flag: "fuzzy" } : {}),
          },
        },
      };
    }
    const headers = {
      Language: language,
      "Content-Type": "text/plain; charset=UTF-8",
      "Content-Transfer-Encoding": "8bit",
      "MIME-Version": "1.0",
    };
    return po.compile({ charset: "utf-8", headers, translations }, { foldLength: 0 });
  },
  async read(data) {
    const text = data.toString("utf8");
    let parsed: ReturnType<typeof po.parse>;
    try {
      parsed = po.parse(data, { validation: true });
    } catch (error) {
      throw new UnreadableFileError(`is not a readable PO file: ${(error as Error).message}`);
    }
    const rows: ImportedRow[] = [];
    let from = 0;
    for (const [msgctxt, byId] of Object.entries(parsed.translations)) {
      for (const entry of Object.values(byId)) {
        if (!msgctxt && !entry.msgid) continue;
        const at = text.indexOf(`msgctxt ${JSON.stringify(msgctxt)}`, from);
        if (at >= 0) from = at;
        const stored = /^state: (.*)$/m.exec(entry.comments?.extracted ?? "")?.[1]?.trim();
        const fuzzy = (entry.comments?.flag ?? "").split(",").some((f) => f.trim() === "fuzzy");
        const by = /^reviewed by: (.*)$/m.exec(entry.comments?.translator ?? "")?.[1]?.trim();
        rows.push({
          line: at >= 0 ? text.slice(0, at).split("\n").length : 1,
          key: msgctxt,
          english: entry.msgid,
          translation: entry.msgstr[0] ?? "",
          // Approved in a tool (no fuzzy flag) means reviewed; otherwise the state it was exported with.
          ...(fuzzy ? (stored ? { state: stored } : {}) : { state: "reviewed" }),
          ...(by ? { reviewedBy: by } : {}),
        });
      }
    }
    const language = parsed.headers.Language?.trim();
    return { ...(language ? { language } : {}), languageLine: lineOf(text, '"Language:'), rows };
  },
};
