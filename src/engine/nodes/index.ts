/** Dispatches a node to its type's behaviour. Adding a node type means a file here and a fixture in test/. */
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { NodeContext } from "../node-context.ts";
import { enterBranch } from "./branch.ts";
import { enterCall } from "./call.ts";
import { enterEnd } from "./end.ts";
import { enterMessage } from "./message.ts";
import type { Next } from "./next.ts";
import { enterQuestion } from "./question.ts";
import { enterReferrals } from "./referrals.ts";

export function enterNode(ctx: NodeContext, node: FlowNode): Next {
  switch (node.type) {
    case "message":
      return enterMessage(ctx, node);
    case "question":
      return enterQuestion(ctx, node);
    case "branch":
      return enterBranch(ctx, node);
    case "referrals":
      return enterReferrals(ctx, node);
    case "call":
      return enterCall(node);
    case "end":
      return enterEnd(ctx, node);
  }
}
