/**
 * The staff chat's part of a turn (see channel-adapter.ts): each reply as numbered text, written
 * to the terminal. A reader that went away (EPIPE) is the terminal's unreachable chat.
 */
import type { AdapterInbound, ChannelAdapter } from "../channel-adapter.ts";
import { numberedText } from "../numbered-text.ts";

export const terminalName = "simulator";

export function terminalAdapter(write: (text: string) => void): ChannelAdapter<AdapterInbound, string> {
  return {
    name: terminalName,
    // A terminal shows any length; nothing is split.
    limits: { messageChars: Number.POSITIVE_INFINITY, numberedOptions: true },
    render: (reply) => [numberedText(reply, { indent: "  " })],
    async send(_chatId, text) {
      write(text);
      return undefined;
    },
    classify: (error) =>
      (error as NodeJS.ErrnoException | null)?.code === "EPIPE"
        ? { unreachable: true, errorClass: "unreachable" }
        : { unreachable: false, errorClass: "other" },
  };
}
