/** The staff chat (terminal) against the channel contract: parseLine in, numbered text out. */
import { noAnalytics } from "../../src/analytics/analytics-sink.ts";
import { formatReplies } from "../../src/channels/terminal/format-replies.ts";
import { parseLine } from "../../src/channels/terminal/parse-line.ts";
import { createConversation } from "../../src/conversation/conversation.ts";
import type { Input } from "../../src/engine/index.ts";
import { channelContract, type Seen } from "./contract.ts";
import { parseNumbered } from "./support.ts";

channelContract("terminal chat", async (deps) => {
  const conversation = createConversation({ ...deps, analytics: noAnalytics, sessionTtlSeconds: 3600 });
  const chatId = "staff-terminal-7731";
  let first = true;
  let last: Seen[] = [];
  const turn = async (input: Input | null): Promise<Seen[]> => {
    if (!input) throw new Error("the line was empty");
    const result = await conversation.handle({ channel: "simulator", chatId, input });
    // The terminal prints one block; blank lines separate what a phone would show as messages.
    last = formatReplies(result.replies)
      .split(/\n{2,}/)
      .map(parseNumbered);
    return last;
  };
  const type = (line: string) => {
    const input = parseLine(line, first);
    first = false;
    return turn(input);
  };
  return {
    maxChars: Number.POSITIVE_INFINITY,
    identifiers: [chatId],
    open: () => type("start"),
    send: type,
    choose(label) {
      const index = last.findLast((s) => s.options.length)?.options.indexOf(label) ?? -1;
      if (index < 0) throw new Error(`"${label}" was not offered`);
      return type(String(index + 1));
    },
    // A terminal cannot attach a photo; this is the input every channel produces for one.
    sendUnsupported: (kind) => turn({ type: "unsupported", kind }),
    close: () => conversation.drain(),
  };
});
