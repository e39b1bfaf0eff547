/**
 * Engine events of one turn -> counter cells. Pure: the clock is passed in.
 *
 * Besides one cell per event it derives two counts that need the whole turn:
 * - `node_waited`: the question the person was left at (the last node entered, unless the turn
 *   ended the conversation); drop-off at a question = waited - answered.
 * (`conversation_completed` comes from the engine: the first topic a conversation finished.)
 */
import type { EngineEvent } from "../engine/index.ts";
import type { EventDimensions } from "./analytics-sink.ts";
import { hourBucket, type CellKey } from "./counter-cell.ts";
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
  events: readonly EngineEvent[],
  dimensions: EventDimensions,
  now: Date,
  isCampaign: CampaignFilter = noCampaigns,
): CellKey[] {
  const base = { bucket: hourBucket(now), ...cleanDimensions(dimensions, isCampaign) };
  const cell = (kind: string, at: Coordinates = {}): CellKey => ({
    ...base,
    kind,
    flowId: "",
    flowVersion: "",
    node: "",
    option: "",
    nextNode: "",
    detail: "",
    directory: "",
    ...Object.fromEntries(
      Object.entries(at).map(([k, v]) => [k, k === "flowVersion" ? flowVersion(v) : code(v)]),
    ),
  });
  const cells = events.map((event) => eventCell(event, cell));
  const waiting = waitingNode(events);
  if (waiting)
    cells.push(
      cell("node_waited", { flowId: waiting.flow, flowVersion: waiting.version, node: waiting.node }),
    );
  return cells;
}

function eventCell(event: EngineEvent, cell: (kind: string, at?: Coordinates) => CellKey): CellKey {
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
    case "safeguarding_interrupt":
      return cell(event.type, { flowId: event.flow, flowVersion: event.version, node: event.node });
    case "option_chosen":
      return cell(event.type, {
        flowId: event.flow,
        flowVersion: event.version,
        node: event.node,
        option: event.option,
        nextNode: event.next,
      });
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

const endsHere = (e: EngineEvent) =>
  e.type === "flow_completed" ||
  e.type === "engine_error" ||
  (e.type === "keyword" && (e.keyword === "stop" || e.keyword === "erase")) ||
  (e.type === "option_chosen" && e.next === "@stop");

/** The last node entered, if the turn did not end the conversation after it. */
function waitingNode(
  events: readonly EngineEvent[],
): Extract<EngineEvent, { type: "node_entered" }> | undefined {
  const last = events.findLastIndex((e) => e.type === "node_entered");
  if (last < 0 || events.slice(last + 1).some(endsHere)) return undefined;
  return events[last] as Extract<EngineEvent, { type: "node_entered" }>;
}
