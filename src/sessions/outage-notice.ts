/**
 * Tells a person once per outage that their conversation may restart: when the session store
 * answered this turn from its local copy (Redis down), the turn's replies are preceded by one
 * notice. A decorator of the conversation, so the turn pipeline itself does not change.
 */
import type { Conversation } from "../conversation/conversation.ts";
import type { FallbackSessionStore } from "./fallback-session-store.ts";
import type { SessionKeyer } from "./session-key.ts";

export function withOutageNotice(
  conversation: Conversation,
  deps: { sessions: FallbackSessionStore; keyer: SessionKeyer; notice: (language: string) => string },
): Conversation {
  return {
    async handle(request) {
      const result = await conversation.handle(request);
      if (!deps.sessions.takeOutageNotice(deps.keyer(request.channel, request.chatId))) return result;
      return { ...result, replies: [{ text: deps.notice(result.language) }, ...result.replies] };
    },
    drain: () => conversation.drain(),
  };
}
