/** The staff chat (terminal) against the channel contract: parseLine in, the turn runner, numbered text out. */
import { noAnalytics } from "../../src/analytics/analytics-sink.ts";
import { parseLine } from "../../src/channels/terminal/parse-line.ts";
import { terminalAdapter } from "../../src/channels/terminal/terminal-adapter.ts";
import { createTurnRunner } from "../../src/channels/turn-runner.ts";
import { createConversation } from "../../src/conversation/conversation.ts";
import type { Input } from "../../src/engine/index.ts";
import { createMemoryOnceStore } from "../../src/sessions/once-store.ts";
import { channelContract, type Seen } from "./contract.ts";
import { parseNumbered } from "./support.ts";

channelContract("terminal chat", async (deps) => {
  const conversation = createConversation({ ...deps, analytics: noAnalytics, sessionTtlSeconds: 3600 });
  const chatId = "staff-terminal-7731";
  const shown: string[] = [];
  let failure: NodeJS.ErrnoException | null = null;
  const runner = createTurnRunner(
    terminalAdapter((text) => {
      const fail = failure;
      failure = null;
      if (fail) throw fail;
      shown.push(text);
    }),
    { ...deps, conversation, once: createMemoryOnceStore(), dedupeSeconds: 60 },
  );
  let first = true;
  let line = 0;
  let lastLine = { id: "", input: null as Input | null };
  let last: Seen[] = [];
  const deliver = async (id: string, input: Input | null): Promise<Seen[]> => {
    if (!input) throw new Error("the line was empty");
    lastLine = { id, input };
    await runner.accept({ id, inbound: { chatId, input } });
    await runner.idle();
    // Each printed reply is one message as a phone would show it.
    last = shown.splice(0).map(parseNumbered);
    return last;
  };
  const turn = (input: Input | null) => deliver(String(++line), input);
  const type = (text: string) => {
    const input = parseLine(text, first);
    first = false;
    return turn(input);
  };
  return {
    maxChars: Number.POSITIVE_INFINITY,
    identifiers: [chatId],
    open: () => type("start"),
    startWith: (payload) => type(`/start ${payload}`),
    send: type,
    choose(label) {
      const index = last.findLast((s) => s.options.length)?.options.indexOf(label) ?? -1;
      if (index < 0) throw new Error(`"${label}" was not offered`);
      return type(String(index + 1));
    },
    // A terminal cannot attach a photo; this is the input every channel produces for one.
    sendUnsupported: (kind) => turn({ type: "unsupported", kind }),
    failNextSend(how) {
      failure = Object.assign(new Error(how === "unreachable" ? "write EPIPE" : "write failed"), {
        code: how === "unreachable" ? "EPIPE" : "EIO",
      });
    },
    redeliver: () => deliver(lastLine.id, lastLine.input),
    close: () => conversation.drain(),
  };
});
