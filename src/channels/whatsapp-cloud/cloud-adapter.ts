/**
 * The Cloud API's part of a turn (see channel-adapter.ts): replies as reply buttons, lists or
 * numbered text; buttons or a list Meta refuses for good are sent again as numbered text. The
 * Cloud API cannot delete sent messages, so erase forgets the conversation state only.
 */
import type { Logger } from "pino";
import type { ChannelAdapter, AdapterInbound, SendFailure } from "../channel-adapter.ts";
import { GraphApiError, type GraphClient } from "./graph-client.ts";
import { whatsappCloudLimits } from "./limits.ts";
import { listButtonText } from "./list-button.ts";
import { asNumberedText, toPlatform, type GraphMessage } from "./to-platform.ts";

export const whatsappCloudName = "whatsapp_cloud";

/** One message, and the numbered text to send instead if Meta refuses its buttons or list. */
export interface CloudOutgoing {
  message: GraphMessage;
  fallback?: GraphMessage[];
}

/**
 * Meta's codes for a recipient that cannot be reached by any message now: 131047 (more than 24
 * hours since the person wrote), 131030 (not in the test number's list). 131026 (undeliverable)
 * is not among them: an old app may refuse one message type and still take plain text.
 */
const unreachableCodes = new Set([131047, 131030]);

export function cloudAdapter(
  graph: GraphClient,
  logger: Logger,
): ChannelAdapter<AdapterInbound, CloudOutgoing> {
  return {
    name: whatsappCloudName,
    limits: whatsappCloudLimits,
    render(reply, { language, translator }) {
      return toPlatform(reply, listButtonText(translator, language)).map((message) =>
        message.type === "interactive" ? { message, fallback: asNumberedText(reply) } : { message },
      );
    },
    async send(to, { message, fallback }) {
      try {
        await graph.send(to, message);
      } catch (error) {
        if (!fallback || !(error instanceof GraphApiError) || !error.refused) throw error;
        logger.warn(
          { status: error.status, code: error.code },
          "whatsapp-cloud: interactive message refused; sent as numbered text",
        );
        for (const text of fallback) await graph.send(to, text);
      }
      return undefined;
    },
    classify,
  };
}

function classify(error: unknown): SendFailure {
  if (!(error instanceof GraphApiError)) return { unreachable: false, errorClass: "other" };
  if (error.code !== undefined && unreachableCodes.has(error.code))
    return { unreachable: true, errorClass: "unreachable" };
  if (error.status === 0) return { unreachable: false, errorClass: "network" };
  if (error.refused) return { unreachable: false, errorClass: "refused" };
  if (error.status === 429 || error.status < 500) return { unreachable: false, errorClass: "throttled" };
  return { unreachable: false, errorClass: "unavailable" };
}
