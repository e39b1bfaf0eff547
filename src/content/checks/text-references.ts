/** Every text a flow refers to, with where it is written, resolved to `namespace:key`. */
import { textKey, textList } from "../../flows/definition/index.ts";
import type { LoadedFlows } from "../../flows/load-flows.ts";
import type { PathSegment, SourceFile } from "../files/source-file.ts";

export interface TextReference {
  key: string;
  source: SourceFile;
  path: PathSegment[];
  flow: string;
  node: string;
  /** Option labels are matched against what people type and must fit buttons. */
  isLabel: boolean;
}

export function textReferences(loaded: LoadedFlows): TextReference[] {
  const refs: TextReference[] = [];
  for (const { flow, source } of loaded.flows) {
    flow.nodes.forEach((node, i) => {
      const add = (key: string, path: PathSegment[], isLabel = false) =>
        refs.push({
          key: textKey(flow, key),
          source,
          path: ["nodes", i, ...path],
          flow: flow.id,
          node: node.id,
          isLabel,
        });
      if ("text" in node) {
        const list = textList(node.text);
        list.forEach((key, j) => add(key, Array.isArray(node.text) ? ["text", j] : ["text"]));
      }
      if (node.type === "question") {
        node.options.forEach((option, j) => add(option.label, ["options", j, "label"], true));
        if (node.hint) add(node.hint, ["hint"]);
      }
    });
  }
  return refs;
}

/** Texts the engine, renderer and channels use by name, which every base locale must have. */
export const engineTextKeys = [
  "common:not_understood",
  "common:not_understood_menu",
  "common:help_hint",
  "common:disclosure",
  "common:erase_confirm.question",
  "common:erase_confirm.yes",
  "common:erase_confirm.no",
  "common:erase_confirm.kept",
  "common:flow_changed",
  "common:stale_button",
  "common:unsupported_input",
  "common:stopped",
  "common:erased",
  "common:erase_failed",
  "common:no_back",
  "common:choose_number",
  "common:referrals.title",
  "common:referrals.missing",
  "common:referrals.missing_none",
  "common:referrals.no_emergency",
  "common:referrals.phone",
  "common:referrals.whatsapp",
  "common:referrals.email",
  "common:referrals.hours",
  "common:referrals.free",
  "common:referrals.anonymous",
  // Channel texts: the Telegram command menu and erase report, WhatsApp's list button.
  "common:commands.menu",
  "common:commands.help",
  "common:commands.language",
  "common:commands.erase",
  "common:list_button",
  "common:telegram.erase_deleted",
  "common:telegram.erase_failed",
  "common:telegram.erase_too_old",
  "common:telegram.erase_rest",
] as const;
