/**
 * One turn -> counter cells. Pure: the clock is passed in.
 *
 * One cell per engine event, one `option_chosen` per answer in the turn's path (node -> option ->
 * where it led), and `node_waited` when the turn brought the person to a question and left them
 * there: drop-off at a question = waited - answered. The engine says all three; nothing here is
 * inferred from the order of events. (`conversation_completed` is the engine's too: the first
 * topic a conversation finished.)
 */
import type { Destination, EngineEvent, PathSegment } from "../engine/index.ts";
import type { CountedTurn, EventDimensions } from "./analytics-sink.ts";
import { blankFields, hourBucket, type CellKey } from "./counter-cell.ts";
import {
  cleanDimensions,
  code,
  flowVersion,
  noCampaigns,
  untrusted,
  type CampaignFilter,
} from "./clean-dimensions.ts";

type Coordinates = Partial<Omit<CellKey, "bucket" | "kind" | "channel" | "locale" | "country" | "campaign">>;

export function eventCells(
  turn: CountedTurn,
  dimensions: EventDimensions,
  now: Date,
  isCampaign: CampaignFilter = noCampaigns,
): CellKey[] {
  const base = { ...blankFields, bucket: hourBucket(now), ...cleanDimensions(dimensions, isCampaign) };
  const cell = (kind: string, at: Coordinates = {}): CellKey => {
    const key: CellKey = { ...base, kind };
    for (const [field, value] of Object.entries(at) as Array<[keyof Coordinates, string | undefined]>)
      key[field] = field === "flowVersion" ? flowVersion(value) : code(value);
    return key;
  };
  const cells = turn.events.flatMap((event) => eventCell(event, cell));
  for (const segment of turn.path) if (segment.exit.kind === "option") cells.push(answerCell(segment, cell));
  const { waiting } = turn;
  if (waiting.kind === "question" && waiting.arrived)
    cells.push(
      cell("node_waited", { flowId: waiting.flow, flowVersion: waiting.version, node: waiting.node }),
    );
  return cells;
}

type CellOf = (kind: string, at?: Coordinates) => CellKey;

function answerCell(segment: PathSegment, cell: CellOf): CellKey {
  return cell("option_chosen", {
    flowId: segment.flow,
    flowVersion: segment.version,
    node: segment.node,
    option: segment.exit.kind === "option" ? segment.exit.option : "",
    nextNode: nextNode(segment.to),
  });
}

/**
 * A destination as the counters store it: a node id, `flow:<id>`, or the special target as flows
 * write it (`@menu`...). Stored rows use this form, so it must not change.
 */
function nextNode(to: Destination): string {
  switch (to.kind) {
    case "node":
      return to.node;
    case "flow":
      return `flow:${to.flow}`;
    default:
      return `@${to.kind}`;
  }
}

function eventCell(event: EngineEvent, cell: CellOf): CellKey[] {
  return event.type === "option_chosen" ? [] : [oneCell(event, cell)]; // answers come from the path
}

function oneCell(event: Exclude<EngineEvent, { type: "option_chosen" }>, cell: CellOf): CellKey {
  switch (event.type) {
    case "conversation_started":
    case "engine_error": // the reason is for the log; the count is enough here
      return cell(event.type);
    case "conversation_completed":
      return cell(event.type, { flowId: event.flow });
    case "flow_started":
    case "flow_completed":
      return cell(event.type, { flowId: event.flow, flowVersion: event.version });
    case "node_entered":
    case "not_understood":
      return cell(event.type, { flowId: event.flow, flowVersion: event.version, node: event.node });
    case "safeguarding_interrupt":
      return event.at
        ? cell(event.type, { flowId: event.at.flow, flowVersion: event.at.version, node: event.at.node })
        : cell(event.type);
    case "referral_shown":
      return cell(event.type, {
        flowId: event.flow,
        flowVersion: event.version,
        detail: event.kind,
        directory: event.fallback ? "international" : event.country,
      });
    case "keyword":
      return cell(event.type, { detail: event.keyword });
    case "flow_restarted":
      return cell(event.type, { flowId: event.flow });
    case "unsupported_input":
      return { ...cell(event.type), detail: untrusted(event.kind) }; // the channel's word for it
  }
}
