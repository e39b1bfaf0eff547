/**
 * Tells a person once per outage that their conversation may restart: when the session store
 * answered this turn from its local copy (Redis down), the turn's replies are preceded by one
 * notice. A decorator of the conversation, so the turn pipeline itself does not change.
 */
import type { Conversation, TurnOutcome, TurnRequest, TurnResult } from "./conversation.ts";
import type { Translator } from "../i18n/translator.ts";
import type { FallbackSessionStore } from "../sessions/fallback-session-store.ts";
import type { SessionKeyer } from "../sessions/session-key.ts";

export const outageNoticeKey = "common:session_may_restart";

export function withOutageNotice(
  conversation: Conversation,
  deps: { sessions: FallbackSessionStore; keyer: SessionKeyer },
): Conversation {
  const withNotice = (request: TurnRequest, result: TurnResult): TurnResult => {
    if (!deps.sessions.takeOutageNotice(deps.keyer(request.channel, request.chatId))) return result;
    // The notice comes from the same content version as the turn's replies.
    return { ...result, replies: [{ text: notice(result.translator, result.language) }, ...result.replies] };
  };
  return {
    async handle(request) {
      return withNotice(request, await conversation.handle(request));
    },
    enqueue: (request, work) =>
      conversation.enqueue(request, (runTurn) =>
        work(async (): Promise<TurnOutcome> => {
          const outcome = await runTurn();
          return outcome.type === "answered"
            ? { type: "answered", result: withNotice(request, outcome.result) }
            : outcome;
        }),
      ),
    drain: () => conversation.drain(),
  };
}

function notice(translator: Translator, language: string): string {
  return translator.t(language, outageNoticeKey);
}
