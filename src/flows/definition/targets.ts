import { specialTargets, type SpecialTarget } from "./schema.ts";

/** Whether a `next:` target is one of the special targets (`@menu`, `@back`, ...) rather than a node id. */
export function isSpecialTarget(target: string): target is SpecialTarget {
  return (specialTargets as readonly string[]).includes(target);
}
