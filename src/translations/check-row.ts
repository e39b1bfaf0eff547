/**
 * Decides what one imported row means for one text, or why it cannot be taken: the rules
 * translators rely on (an empty cell never erases, placeholders stay, buttons fit) live here.
 */
import type { CatalogEntry } from "./catalog.ts";
import { textToList } from "./catalog.ts";
import type { ImportedRow } from "./formats/rows.ts";
import { storedStates, type StoredState } from "./review-state.ts";
import { placeholdersOf } from "./text-context.ts";

export interface RowPlan {
  /** The new value to write (a string, or a list of keywords), when the text changes. */
  value?: unknown;
  /** The review state to record, when it changes. */
  state?: StoredState;
  by?: string;
}

export type RowCheck = { ok: true; plan: RowPlan; warning?: string } | { ok: false; message: string };

const sameList = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function checkRow(
  row: ImportedRow,
  entry: CatalogEntry,
  currentValue: unknown,
  defaultBy: string | undefined,
): RowCheck {
  const cell = row.translation.replace(/\r\n?/g, "\n");
  const empty = cell.trim() === "";
  const value = entry.isList ? textToList(cell) : cell;
  const textChanged = !empty && (entry.isList ? !sameList(value, currentValue) : value !== currentValue);
  const given = row.state || entry.state;
  if (given !== entry.state && !(storedStates as readonly string[]).includes(given)) {
    return {
      ok: false,
      message: `state "${row.state}" of \`${entry.key}\` is not one of ${storedStates.join(", ")}`,
    };
  }
  const stateChanged = given !== entry.state;
  if (!textChanged && !stateChanged) {
    if (row.english !== undefined && row.english !== entry.english)
      return {
        ok: true,
        plan: {},
        warning: `\`${entry.key}\` was exported from an older English; nothing changed in it, so it is skipped`,
      };
    return {
      ok: true,
      plan: {},
      ...(empty && entry.translation !== undefined
        ? {
            warning: `the translation of \`${entry.key}\` is empty; the existing translation is kept (an empty cell never erases)`,
          }
        : {}),
    };
  }
  if (row.english !== undefined && row.english !== entry.english) {
    return {
      ok: false,
      message: `\`${entry.key}\` was exported from an older English; the English now reads "${short(entry.english)}". Export again and translate the new text`,
    };
  }
  if (empty && entry.translation === undefined)
    return { ok: false, message: `\`${entry.key}\` is marked ${given} but has no translation` };
  if (textChanged) {
    const problem = entry.isList ? checkList(value as string[], entry) : checkText(cell, entry);
    if (problem) return { ok: false, message: problem };
  }
  const state = (stateChanged ? given : "reviewed") as StoredState;
  const exportedBy = [entry.reviewedBy, entry.reviewedOn].filter(Boolean).join(", ");
  const by =
    row.reviewedBy && row.reviewedBy !== exportedBy
      ? row.reviewedBy.replace(/,\s*\d{4}-\d{2}-\d{2}$/, "")
      : defaultBy;
  return {
    ok: true,
    plan: { ...(textChanged ? { value } : {}), state, ...(state === "reviewed" && by ? { by } : {}) },
  };
}

function checkText(text: string, entry: CatalogEntry): string | undefined {
  const want = entry.placeholders;
  const have = placeholdersOf(text);
  const missing = want.filter((p) => !have.includes(p));
  const extra = have.filter((p) => !want.includes(p));
  if (missing.length || extra.length) {
    const parts = [
      ...(missing.length ? [`leaves out ${missing.map((p) => `{{${p}}}`).join(", ")}`] : []),
      ...(extra.length ? [`has ${extra.map((p) => `{{${p}}}`).join(", ")}, which the English does not`] : []),
    ];
    return `the translation of \`${entry.key}\` ${parts.join(" and ")}; keep the placeholders of the English exactly`;
  }
  const limit = entry.context.limit;
  const length = [...text].length;
  if (limit && length > limit.chars)
    return `the translation of \`${entry.key}\` has ${length} characters; a ${limit.why} shows at most ${limit.chars}`;
  return undefined;
}

function checkList(words: string[], entry: CatalogEntry): string | undefined {
  if (!words.length) return `the keyword list \`${entry.key}\` has no words; separate the words with commas`;
  return undefined;
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
