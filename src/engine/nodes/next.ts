import type { Continuation } from "../../flows/definition/index.ts";

/** What a node tells the run to do after it has been entered: wait, continue as the flow says, or call. */
export type Next =
  | { kind: "wait" }
  | Continuation
  /** Run another flow and come back (the return point is already on the stack). */
  | { kind: "call"; flow: string };

// How a flow reads (text keys, where a node continues) belongs to the flow format; nodes take it from here.
export { continueAfter, textKey, textList } from "../../flows/definition/index.ts";
