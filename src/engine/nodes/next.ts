import type { Continuation } from "../../flows/definition/index.ts";

/** What a node tells the run to do after it has been entered: wait, continue as the flow says, or call. */
export type Next =
  | { kind: "wait" }
  | Continuation
  /** Run another flow, then come back to `then` (a target in this flow). */
  | { kind: "call"; flow: string; then: string };
