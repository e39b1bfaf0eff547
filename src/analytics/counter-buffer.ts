/**
 * Counts aggregated in memory until they are written. Bounded by the number of distinct cells
 * (what costs memory); an event that would need a new cell beyond the bound is dropped and counted.
 */
import { cellId, type Cell, type CellKey } from "./counter-cell.ts";

export class CounterBuffer {
  private cells = new Map<string, Cell>();
  /** Events that had to be dropped since the last `takeDropped()`. */
  private droppedEvents = 0;

  constructor(readonly maxCells: number) {}

  get size(): number {
    return this.cells.size;
  }

  add(key: CellKey, count = 1): void {
    const id = cellId(key);
    const cell = this.cells.get(id);
    if (cell) cell.count += count;
    else if (this.cells.size < this.maxCells) this.cells.set(id, { ...key, count });
    else this.droppedEvents += count;
  }

  /** Everything buffered, leaving the buffer empty (for a flush). */
  take(): Cell[] {
    const taken = [...this.cells.values()];
    this.cells = new Map();
    return taken;
  }

  /** Puts back what a failed flush took, within the bound. */
  restore(cells: readonly Cell[]): void {
    for (const cell of cells) this.add(cell, cell.count);
  }

  takeDropped(): number {
    const dropped = this.droppedEvents;
    this.droppedEvents = 0;
    return dropped;
  }
}
