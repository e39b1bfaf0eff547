/** A Cloud API webhook message -> engine input, or null for what needs no answer. */
import type { Input } from "../../engine/index.ts";
import { startFromGreeting } from "../../conversation/start-payload.ts";
import { parseChoiceData } from "../choice-data.ts";
import type { CloudMessage } from "./webhook-payload.ts";

/** Message types the person sent on purpose but the bot cannot read: answered kindly. */
const unsupportedKinds: Record<string, string> = {
  image: "image",
  video: "video",
  audio: "audio",
  document: "document",
  sticker: "sticker",
  location: "location",
  contacts: "contact",
  order: "other",
  unsupported: "other",
};

export function toInbound(message: CloudMessage): Input | null {
  if (message.group_id) return null;
  switch (message.type) {
    case "text":
      if (!message.text?.body.trim()) return null;
      // A campaign link's prefilled first message: "Hello [school_visits-nl-NL]".
      return startFromGreeting(message.text.body) ?? { type: "text", text: message.text.body };
    case "interactive": {
      const picked = message.interactive?.button_reply ?? message.interactive?.list_reply;
      if (!picked) return null;
      const choice = parseChoiceData(picked.id);
      // An id we did not make (a template button, say): its title is what the person read.
      return choice
        ? { type: "choice", ...choice }
        : picked.title
          ? { type: "text", text: picked.title }
          : null;
    }
    case "button":
      return message.button?.text ? { type: "text", text: message.button.text } : null;
    // The person opened the chat for the first time (Meta's "welcome message" trigger).
    case "request_welcome":
      return { type: "start" };
    case "audio":
      return { type: "unsupported", kind: message.audio?.voice ? "voice" : "audio" };
  }
  const kind = unsupportedKinds[message.type];
  const caption = (message.image ?? message.video ?? message.document)?.caption;
  // Reactions, system notices (number changed) and types Meta adds later: nothing to answer.
  return kind ? { type: "unsupported", kind, ...(caption?.trim() ? { caption } : {}) } : null;
}
