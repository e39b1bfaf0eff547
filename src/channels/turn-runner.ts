/**
 * The one turn pipeline for every channel: take an update once (redelivery), place it in its
 * chat's line (order, across instances), run the conversation, answer with the being-updated
 * notice when no content is loaded, send each message on its own (one failure never drops the
 * rest; an unreachable chat ends the sending), erase, and write one log line per turn. Channels
 * supply an adapter (channel-adapter.ts) and nothing else.
 *
 * The core entry is `handle(InboundHandle)`, so a durable inbound queue can feed it: a retried
 * entry resumes after the messages already sent instead of running the turn again.
 */
import type { Logger } from "pino";
import type { Conversation, TurnOutcome } from "../conversation/conversation.ts";
import {
  InboundUnavailableError,
  type EntryProgress,
  type InboundEntry,
  type InboundHandle,
  type InboundQueue,
} from "../inbound/inbound-queue.ts";
import { redactError } from "../logging/redact-error.ts";
import type { OnceStore } from "../sessions/once-store.ts";
import type { SessionKeyer } from "../sessions/session-key.ts";
import type { AdapterInbound, ChannelAdapter } from "./channel-adapter.ts";
import { splitReplies } from "./split-replies.ts";
import { noObserver, type TurnObserver } from "./turn-observer.ts";

/**
 * Said when no valid content is loaded (broken files at start-up). The locales are part of the
 * content, so there is no translation to use: plain English that a translation app handles well.
 */
export const contentUnavailableText = "Sorry, Guardline is being updated. Please try again in a few minutes.";

export interface TurnRunnerDeps {
  conversation: Conversation;
  keyer: SessionKeyer;
  logger: Logger;
  /** Delivery ids already answered (Redis when shared by instances). */
  once: OnceStore;
  /** How long a delivery id is remembered: as long as the platform may redeliver. */
  dedupeSeconds: number;
  observer?: TurnObserver;
  now?: () => number;
  /**
   * A durable inbound queue: accepted updates are submitted to it (it answers redeliveries once)
   * and come back through `handle`. Without one, they are handled in this process.
   */
  inbound?: Pick<InboundQueue, "submit"> & Partial<Pick<InboundQueue, "idle">>;
}

/** An update taken from the platform: its delivery id (update_id, message id) and what the turn needs. */
export interface Delivery<I> {
  id: string;
  inbound: I;
}

export interface TurnRunner<I extends AdapterInbound> {
  /**
   * Takes a delivery: answered once per id, in its chat's order. Resolves once it is accepted
   * (placed in its chat's line, or kept by the inbound queue; the webhook may answer), with false
   * for a redelivery. Rejects with InboundUnavailableError when the queue refuses it (shutting
   * down): the webhook answers 503 and the platform delivers it again.
   */
  accept(delivery: Delivery<I>): Promise<boolean>;
  /** The core entry: one entry's turn and its sending, in its chat's order. */
  handle(inbound: InboundHandle): Promise<void>;
  /** The entry a durable queue would hold for this delivery. */
  entryOf(delivery: Delivery<I>): InboundEntry;
  /** Resolves when every accepted delivery this process holds has been answered. */
  idle(): Promise<void>;
}

export function createTurnRunner<I extends AdapterInbound, M>(
  adapter: ChannelAdapter<I, M>,
  deps: TurnRunnerDeps,
): TurnRunner<I> {
  const { name } = adapter;
  const log = deps.logger.child({ channel: name });
  const observer = deps.observer ?? noObserver;
  const now = deps.now ?? Date.now;
  const inFlight = new Set<Promise<unknown>>();

  const claim = async (entry: InboundEntry): Promise<boolean> => {
    try {
      return await deps.once.claim(entry.dedupeKey, deps.dedupeSeconds);
    } catch (error) {
      // Answering twice is better than not answering when the store is down.
      log.warn({ err: redactError(error) }, "redelivery check unavailable; answering the update");
      return true;
    }
  };

  /** Renders a turn into the messages to send (the notice when no content is loaded). */
  const messagesOf = async (
    inbound: I,
    outcome: TurnOutcome,
  ): Promise<{ messages: M[]; erased: boolean }> => {
    if (outcome.type === "content_unavailable") {
      log.error({ reason: "content unavailable" }, "turn answered with the being-updated notice");
      const context = { language: "en", translator: null };
      return { messages: adapter.render({ text: contentUnavailableText }, context), erased: false };
    }
    const { result } = outcome;
    let replies = result.replies;
    const erased = result.signal === "erase";
    if (erased) {
      const erase = await adapter.erase?.(inbound, result).catch((error: unknown) => {
        log.warn({ err: redactError(error) }, "erase: the platform's messages could not be removed");
        return null;
      });
      if (erase) replies = [...replies, ...erase.replies];
      log.info(erase?.report ?? { stateOnly: 1 }, "conversation erased");
    }
    const context = { language: result.language, translator: result.translator };
    return {
      messages: splitReplies(replies, adapter.limits).flatMap((r) => adapter.render(r, context)),
      erased,
    };
  };

  /** Sends from `from` on, each message on its own; returns the platform ids of those sent. */
  const sendAll = async (chatId: string, messages: M[], from: number, handle: InboundHandle) => {
    const ids: Array<string | number> = [];
    for (let i = from; i < messages.length; i++) {
      try {
        const id = await adapter.send(chatId, messages[i]!);
        if (id !== undefined) ids.push(id);
        observer.replySent(name);
      } catch (error) {
        const failure = adapter.classify(error);
        observer.replyFailed(name, failure.errorClass);
        log.warn({ err: redactError(error), errorClass: failure.errorClass }, "a reply could not be sent");
        // The rest would fail the same way; any other failure must not cost the next ones (the contacts).
        if (failure.unreachable) break;
      }
      await handle
        .recordSent(i + 1)
        .catch((error: unknown) => log.warn({ err: redactError(error) }, "sending progress not recorded"));
    }
    return ids;
  };

  const work = (handle: InboundHandle) => async (runTurn: () => Promise<TurnOutcome>) => {
    const started = now();
    const inbound = handle.entry.payload as I;
    const progress: EntryProgress = await handle.progress();
    let messages = progress.replies as M[] | null;
    let erased = false;
    let outcome: "answered" | "content_unavailable" = "answered";
    if (!messages) {
      await adapter
        .acknowledge?.(inbound)
        .catch((error: unknown) => log.warn({ err: redactError(error) }, "update not acknowledged"));
      const turn = await runTurn();
      outcome = turn.type;
      ({ messages, erased } = await messagesOf(inbound, turn));
      await handle.recordReplies(messages);
    }
    const sent = await sendAll(inbound.chatId, messages, progress.sent, handle);
    if (outcome === "answered")
      await adapter
        .remember?.(inbound, sent, erased)
        .catch((error: unknown) =>
          log.warn({ err: redactError(error) }, "message ids not kept; erase will not delete these"),
        );
    const ms = now() - started;
    observer.turn(name, ms / 1000, outcome);
    log.info(
      {
        input: inbound.input.type,
        replies: sent.length,
        ms,
        ...(handle.attempt > 1 ? { attempt: handle.attempt, resumedAt: progress.sent } : {}),
      },
      outcome === "answered" ? "turn answered" : "turn answered with the notice",
    );
  };

  const place = (handle: InboundHandle) => {
    const inbound = handle.entry.payload as I;
    const queued = deps.conversation.enqueue(
      {
        channel: name,
        chatId: inbound.chatId,
        input: inbound.input,
        ...(inbound.languageHint ? { languageHint: inbound.languageHint } : {}),
      },
      work(handle),
    );
    const done = track(
      queued.done.catch((error: unknown) => {
        observer.turn(name, 0, "failed");
        log.error({ err: redactError(error) }, "a turn failed");
      }),
    );
    return { placed: queued.placed, done };
  };

  /** Counted from the moment an update arrives, so idle() also waits for its redelivery check. */
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  /**
   * Kept by the queue (true), a redelivery (false), or not kept because the queue's store is
   * unreachable: then the turn runs in this process now (with the sessions' outage fallback), as
   * answering late or not at all is worse than answering without the queue's guarantees.
   */
  const submit = async (entry: InboundEntry): Promise<boolean | "unqueued"> => {
    try {
      return await deps.inbound!.submit(entry);
    } catch (error) {
      if (error instanceof InboundUnavailableError) throw error; // shutting down: deliver it again
      log.warn({ err: redactError(error) }, "inbound queue unreachable; answering in this process");
      return "unqueued";
    }
  };

  const entryOf = (delivery: Delivery<I>): InboundEntry => ({
    channel: name,
    chatKey: deps.keyer(name, delivery.inbound.chatId),
    // A keyed hash: a WhatsApp message id is tied to a person's number.
    dedupeKey: `${name}:${deps.keyer(`${name}:delivery`, delivery.id)}`,
    payload: delivery.inbound,
  });

  return {
    entryOf,
    accept: (delivery) =>
      track(
        (async () => {
          const entry = entryOf(delivery);
          const queued = deps.inbound ? await submit(entry) : "unqueued";
          if (queued === true) return true;
          if (queued === false || !(await claim(entry))) {
            observer.turn(name, 0, "duplicate");
            log.info("redelivered update ignored");
            return false;
          }
          await place(inProcessHandle(entry)).placed;
          return true;
        })(),
      ),
    handle: (handle) => place(handle).done,
    async idle() {
      // Submitted entries come back through handle(): wait for the queue as well, until both are quiet.
      for (;;) {
        while (inFlight.size) await Promise.all(inFlight);
        await deps.inbound?.idle?.();
        if (!inFlight.size) return;
      }
    },
  };
}

/** An entry handled in this process only: nothing survives a restart, so nothing to resume. */
export function inProcessHandle(entry: InboundEntry): InboundHandle {
  return {
    entry,
    attempt: 1,
    progress: async () => ({ replies: null, sent: 0 }),
    recordReplies: async () => {},
    recordSent: async () => {},
  };
}
