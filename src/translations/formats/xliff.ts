/**
 * XLIFF 2.0 (the xliff package, written by locize): one <file> per namespace, one <unit> per
 * text with its key as id, the context as <note>s, and button and list-row limits as the size
 * restriction module's `slr:sizeRestriction`, which translation tools enforce as you type.
 * The state travels in a note (`state: draft`).
 */
import js2xliff from "xliff/js2xliff";
import xliff2js from "xliff/xliff2js";
import { lineOf } from "./line-of.ts";
import { UnreadableFileError, type ImportedRow, type TranslationFormat } from "./rows.ts";

export const xliffFormat: TranslationFormat = {
  async write(rows, { language, base }) {
    const resources: Record<string, Record<string, unknown>> = {};
    for (const row of rows) {
      const namespace = row.key.split(":")[0]!;
      const notes = [
        `shows as: ${row.shows_as}`,
        ...(row.limit ? [`limit: ${row.limit}`] : []),
        ...(row.placeholders ? [`placeholders: ${row.placeholders}`] : []),
        ...(row.used_in ? [`used in: ${row.used_in}`] : []),
        ...(row.safety_critical ? ["safety-critical"] : []),
        ...(row.reviewed_by ? [`reviewed by: ${row.reviewed_by}`] : []),
        `state: ${row.state}`,
      ];
      const chars = /^(\d+) characters \((WhatsApp|Telegram command)/.exec(row.limit)?.[1];
      (resources[namespace] ??= {})[row.key] = {
        source: row.english,
        target: row.translation,
        note: notes,
        ...(chars ? { additionalAttributes: { sizeRestriction: Number(chars) } } : {}),
      };
    }
    const xml = await js2xliff(
      { sourceLanguage: base, targetLanguage: language, resources },
      { indent: "  " },
    );
    return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`);
  },
  async read(data) {
    const text = data.toString("utf8");
    let parsed: Awaited<ReturnType<typeof xliff2js>>;
    try {
      parsed = await xliff2js(text, { inlineAsString: true });
    } catch (error) {
      const line = /Line: (\d+)/.exec((error as Error).message)?.[1];
      throw new UnreadableFileError(
        `is not a readable XLIFF file: ${(error as Error).message.split("\n")[0]}`,
        line ? Number(line) + 1 : 1,
      );
    }
    const rows: ImportedRow[] = [];
    for (const units of Object.values(parsed.resources ?? {})) {
      for (const [key, unit] of Object.entries(units)) {
        if (!unit || typeof unit !== "object") continue;
        const notes = [unit.note ?? []].flat().map(String);
        const note = (name: string) =>
          notes
            .find((n) => n.startsWith(`${name}: `))
            ?.slice(name.length + 2)
            .trim();
        const state = note("state");
        const by = note("reviewed by");
        rows.push({
          line: lineOf(text, `<unit id="${key}"`),
          key,
          translation: typeof unit.target === "string" ? unit.target : "",
          ...(typeof unit.source === "string" ? { english: unit.source } : {}),
          ...(state ? { state } : {}),
          ...(by ? { reviewedBy: by } : {}),
        });
      }
    }
    const language = parsed.targetLanguage?.trim();
    return { ...(language ? { language } : {}), languageLine: lineOf(text, "trgLang="), rows };
  },
};
