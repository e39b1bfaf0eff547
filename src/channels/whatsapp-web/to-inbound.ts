/**
 * A whatsapp-web.js message -> engine input, or null when the bot must stay silent: groups,
 * status updates, channels, broadcasts, the bot's own messages and WhatsApp's system messages.
 */
import type { Message } from "whatsapp-web.js";
import type { Input } from "../../engine/index.ts";
import { startFromGreeting } from "../../conversation/start-payload.ts";
import { parseChoiceData } from "../choice-data.ts";

/** Person-to-person chats: phone-number ids (`@c.us`) and WhatsApp's newer linked ids (`@lid`). */
export function isPrivateChat(chatId: string): boolean {
  return /^[^@]+@(c\.us|lid)$/.test(chatId);
}

/** Message types the person sent on purpose but the bot cannot read: answered kindly. */
const unsupportedKinds: Record<string, string> = {
  image: "image",
  album: "image",
  video: "video",
  ptt: "voice",
  audio: "audio",
  document: "document",
  sticker: "sticker",
  location: "location",
  vcard: "contact",
  multi_vcard: "contact",
  poll_creation: "poll",
  scheduled_event_creation: "event",
  order: "other",
  product: "other",
  payment: "other",
};

export function toInbound(message: Message): Input | null {
  if (message.fromMe || message.isStatus || message.broadcast || !isPrivateChat(message.from)) return null;
  const type: string = message.type;
  if (type === "chat") {
    if (!message.body.trim()) return null;
    // A campaign link's prefilled first message: "Hello [school_visits-nl-NL]".
    return startFromGreeting(message.body) ?? { type: "text", text: message.body };
  }
  // Buttons and lists no longer render on WhatsApp Web, but an old phone may still answer one.
  if (type === "buttons_response" || type === "list_response") {
    const choice = parseChoiceData(
      (type === "buttons_response" ? message.selectedButtonId : message.selectedRowId) ?? "",
    );
    if (choice) return { type: "choice", ...choice };
    return message.body.trim() ? { type: "text", text: message.body } : null;
  }
  const kind = unsupportedKinds[type];
  // Everything else is WhatsApp's own bookkeeping (revoked, reaction, e2e_notification, ...).
  // A photo or video may carry a caption in `body`: the engine checks it for safeguarding words.
  return kind
    ? {
        type: "unsupported",
        kind,
        ...(message.body?.trim() && !["sticker", "location", "contact"].includes(kind)
          ? { caption: message.body }
          : {}),
      }
    : null;
}
