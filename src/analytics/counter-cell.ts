/**
 * One counter cell: the coarse coordinates a count is kept under. Every field is a short code
 * from flow files or a closed vocabulary; nothing a person typed and nothing that identifies them.
 */
export interface CellKey {
  /** Start of the UTC hour. */
  bucket: Date;
  kind: string;
  flowId: string;
  flowVersion: string;
  node: string;
  option: string;
  nextNode: string;
  detail: string;
  directory: string;
  channel: string;
  locale: string;
  country: string;
  campaign: string;
}

export interface Cell extends CellKey {
  count: number;
}

/** The key fields of a cell besides its hour, in one fixed order (ids and stored journals use it). */
export const keyFields = [
  "kind",
  "flowId",
  "flowVersion",
  "node",
  "option",
  "nextNode",
  "detail",
  "directory",
  "channel",
  "locale",
  "country",
  "campaign",
] as const;

/** Every key field empty: a cell says only what its kind needs, the rest stays "". */
export const blankFields: Readonly<Record<(typeof keyFields)[number], string>> = Object.freeze(
  Object.fromEntries(keyFields.map((field) => [field, ""])) as Record<(typeof keyFields)[number], string>,
);

/** A stable string for a key, used to aggregate in memory. */
export function cellId(key: CellKey): string {
  return [key.bucket.getTime(), ...keyFields.map((f) => key[f])].join("\u0000");
}

/** The start of the UTC hour `time` falls in: the only time we ever store. */
export function hourBucket(time: Date): Date {
  const hour = new Date(time.getTime());
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}
