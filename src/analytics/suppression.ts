/**
 * Small-cell suppression with complementary suppression.
 *
 * A figure counted from fewer than `minCount` (but more than none) is suppressed. A table also
 * tells the reader that parts add up to a total, so one suppressed part could be recovered by
 * subtraction; for every such relation (a Group) we then suppress more parts, smallest first,
 * until at least two are hidden and together hold at least `minCount` — or hide the total when
 * no part is left. Relations share cells (a day's count is a part of the period and the total of
 * its own split), so the rules repeat until nothing changes.
 *
 * Cells that are never displayed but can be derived (started - completed) take part like any
 * other: a small derived figure forces suppression of what it could be derived from.
 */
export interface Group {
  total: string;
  parts: string[];
}

export const suppressed = "suppressed" as const;
export type Figure = number | typeof suppressed;

export function suppress(
  values: ReadonlyMap<string, number>,
  groups: readonly Group[],
  minCount: number,
): Set<string> {
  const hidden = new Set<string>();
  for (const [id, value] of values) if (value > 0 && value < minCount) hidden.add(id);
  const value = (id: string) => values.get(id) ?? 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) if (secure(group, hidden, value, minCount)) changed = true;
  }
  return hidden;
}

/** Makes one relation safe; returns whether it had to hide another cell. */
function secure(group: Group, hidden: Set<string>, value: (id: string) => number, minCount: number): boolean {
  const unknown = group.parts.filter((p) => hidden.has(p));
  const candidates = group.parts
    .filter((p) => !hidden.has(p) && value(p) > 0)
    .sort((a, b) => value(a) - value(b));
  if (hidden.has(group.total)) {
    // The total is hidden: the parts must not add up to it in plain sight.
    if (unknown.length || !candidates.length) return false;
    hidden.add(candidates[0]!);
    return true;
  }
  const hiddenSum = unknown.reduce((sum, p) => sum + value(p), 0);
  const recoverable = unknown.length === 1 || (unknown.length > 1 && hiddenSum > 0 && hiddenSum < minCount);
  if (!recoverable) return false;
  hidden.add(candidates[0] ?? group.total);
  return true;
}

/** A figure as reports show it. */
export function figure(values: ReadonlyMap<string, number>, hidden: ReadonlySet<string>, id: string): Figure {
  return hidden.has(id) ? suppressed : (values.get(id) ?? 0);
}

/** Collects figures and their relations, then answers with suppression applied. */
export class FigureTable {
  private readonly values = new Map<string, number>();
  private readonly groups: Group[] = [];

  set(id: string, value: number): string {
    this.values.set(id, value);
    return id;
  }

  get(id: string): number {
    return this.values.get(id) ?? 0;
  }

  /** Declares total = sum of parts (only when it holds exactly, or it proves nothing). */
  relate(total: string, parts: string[]): void {
    if (this.get(total) === parts.reduce((sum, p) => sum + this.get(p), 0))
      this.groups.push({ total, parts });
  }

  /** Declares total = shown parts + the non-negative remainder, which becomes a hidden figure. */
  relateWithRemainder(total: string, parts: string[], remainderId: string): void {
    const remainder = this.get(total) - parts.reduce((sum, p) => sum + this.get(p), 0);
    if (remainder < 0) return;
    this.set(remainderId, remainder);
    this.groups.push({ total, parts: [...parts, remainderId] });
  }

  resolve(minCount: number): (id: string) => Figure {
    const hidden = suppress(this.values, this.groups, minCount);
    return (id) => figure(this.values, hidden, id);
  }
}

/** completed / started, suppressed when either is, null when nothing started (0 of 0 is no rate). */
export function rate(part: Figure, whole: Figure): Figure | null {
  if (part === suppressed || whole === suppressed) return suppressed;
  return whole ? Math.round((part / whole) * 1000) / 1000 : null;
}
