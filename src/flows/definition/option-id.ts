import type { FlowOption } from "./schema.ts";

/**
 * An option's id: written, or the last part of its label key (`menu.signs` -> `signs`). Buttons,
 * typed answers and analytics all name an option by it.
 */
export function optionId(option: FlowOption): string {
  return option.id ?? option.label.split(/[.:]/).pop()!;
}
