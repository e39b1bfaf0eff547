/** Dispatches a node to its type's behaviour. Adding a node type means a file here and a fixture in test/. */
import type { FlowNode } from "../../flows/schema.ts";
import type { Run } from "../run.ts";
import type { Flow } from "../types.ts";
import { enterBranch } from "./branch.ts";
import { enterCall } from "./call.ts";
import { enterEnd } from "./end.ts";
import { enterMessage } from "./message.ts";
import type { Next } from "./next.ts";
import { enterQuestion } from "./question.ts";
import { enterReferrals } from "./referrals.ts";

export function enterNode(run: Run, flow: Flow, node: FlowNode): Next {
  switch (node.type) {
    case "message":
      return enterMessage(run, flow, node);
    case "question":
      return enterQuestion(run, flow, node);
    case "branch":
      return enterBranch(run, node);
    case "referrals":
      return enterReferrals(run, flow, node);
    case "call":
      return enterCall(run, flow, node);
    case "end":
      return enterEnd(run, flow, node);
  }
}
