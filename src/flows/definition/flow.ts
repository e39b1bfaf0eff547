/**
 * A flow as loaded from its file, and the bundle of everything one content version holds. The
 * engine runs on these; the checker, the flow map and the loader read them.
 */
import type { ReferralDirectory } from "../../referrals/schema.ts";
import type { FlowFile, FlowNode, Settings } from "./schema.ts";

/** A loaded flow: the file's content plus what is needed to find nodes and detect edits. */
export interface Flow extends FlowFile {
  /** Content hash of the flow file; sessions started on another version restart politely. */
  version: string;
  nodesById: ReadonlyMap<string, FlowNode>;
}

/** Flows, settings and referral directory of one content version. Immutable per reload. */
export interface FlowBundle {
  flows: ReadonlyMap<string, Flow>;
  settings: Settings;
  referrals: ReferralDirectory;
  /**
   * The topics: the flows the main menu's options lead to. Computed once when the bundle is built
   * (createFlowBundle); the engine counts a conversation completed by them, reports list them.
   */
  topics: ReadonlySet<string>;
}
