/**
 * The flow format beyond its schema: the loaded flow and bundle types, and the rules of reading a
 * flow that the engine, the checker and the flow map must agree on (text keys, option ids, where a
 * node continues, special targets).
 */
export type { Flow, FlowBundle } from "./flow.ts";
export { createFlowBundle } from "./bundle.ts";
export { continueAfter, type Continuation } from "./continuation.ts";
export { optionId } from "./option-id.ts";
export { isSpecialTarget } from "./targets.ts";
export { textKey, textList } from "./text-keys.ts";
