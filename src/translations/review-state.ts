/**
 * Review state of each text of a locale, kept beside its texts in `locales/<lng>/review.yaml`:
 * `draft`, `machine` or `reviewed` (who and when optional), and a hash of the English text it
 * was written or reviewed against. When the English changes afterwards, the hash no longer
 * matches and the text shows as `stale`: its translation may say something the English no
 * longer does.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, isMap, parse } from "yaml";
import { z } from "zod";

export const storedStates = ["draft", "machine", "reviewed"] as const;
export type StoredState = (typeof storedStates)[number];
/** What a translator sees: the stored state, or `stale` when the English changed, or `missing`. */
export type TextState = StoredState | "stale" | "missing";

export const reviewFileName = "review.yaml";

const entrySchema = z.strictObject({
  state: z.enum(storedStates),
  english: z.string(),
  by: z.string().optional(),
  on: z.string().optional(),
});
const fileSchema = z.strictObject({ texts: z.record(z.string(), entrySchema).default({}) });

export type ReviewEntry = z.infer<typeof entrySchema>;
/** `namespace:key` -> its review entry. */
export type ReviewState = Map<string, ReviewEntry>;

/** Short hash of an English text (a keyword list hashes as its JSON). */
export function englishHash(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

export function reviewFile(localesDir: string, locale: string): string {
  return join(localesDir, locale, reviewFileName);
}

/** Reads a locale's review file; a missing file means "nothing recorded" (every text a draft). */
export function readReviewState(localesDir: string, locale: string): ReviewState {
  const file = reviewFile(localesDir, locale);
  if (!existsSync(file)) return new Map();
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8")) ?? {};
  } catch (error) {
    throw new ReviewFileError(file, (error as Error).message.split("\n")[0]!);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new ReviewFileError(file, parsed.error.issues[0]?.message ?? "invalid");
  return new Map(Object.entries(parsed.data.texts));
}

/** A review file that is not what this module writes (edited by hand and broken). */
export class ReviewFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "ReviewFileError";
  }
}

const header = [
  " Review state of each text in this locale, written by `npm run translations -- import`.",
  " state: draft (written without native review), machine (machine translation) or reviewed;",
  " english: hash of the English text it was written or reviewed against (a different hash",
  " today means the English changed since: the text is stale); by/on: who reviewed it, when.",
].join("\n");

/** The file's text: keys sorted, one line per text, so a change shows as one changed line. */
export function formatReviewState(state: ReviewState): string {
  const texts: Record<string, ReviewEntry> = {};
  for (const key of [...state.keys()].sort()) {
    const { state: s, english, by, on } = state.get(key)!;
    texts[key] = { state: s, english, ...(by ? { by } : {}), ...(on ? { on } : {}) };
  }
  const doc = new Document({ texts });
  doc.commentBefore = header;
  const map = doc.get("texts");
  if (isMap(map)) for (const pair of map.items) if (isMap(pair.value)) pair.value.flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** Writes the file only when its text changes, so an import that changes nothing touches nothing. */
export function writeReviewState(localesDir: string, locale: string, state: ReviewState): boolean {
  const file = reviewFile(localesDir, locale);
  const text = formatReviewState(state);
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  writeFileSync(file, text);
  return true;
}

/** The state a translator sees for one text. */
export function textState(translated: boolean, entry: ReviewEntry | undefined, english: unknown): TextState {
  if (!translated) return "missing";
  if (!entry) return "draft";
  if (entry.english !== englishHash(english)) return "stale";
  return entry.state;
}
