/**
 * A line typed in the staff chat -> engine input. `/start [payload]` (or `start` as the very
 * first line) starts a conversation like Telegram's deep links; `/menu`, `/help`, … are the
 * commands; anything else is typed text.
 */
import { globalKeywords, type GlobalKeyword, type Input } from "../../engine/index.ts";
import { parseStartPayload } from "../../conversation/start-payload.ts";

export function parseLine(
  line: string,
  first: boolean,
  presets: { campaign?: string; language?: string; country?: string } = {},
): Input | null {
  const text = line.trim();
  if (!text) return null;
  const start = /^\/start(?:\s+(\S+))?$/.exec(text) ?? (first && /^start$/i.test(text) ? [text] : null);
  if (start)
    return { type: "start", payload: { ...presets, ...(start[1] ? parseStartPayload(start[1]) : {}) } };
  const command = /^\/([a-z]+)$/.exec(text)?.[1];
  if (command && (globalKeywords as readonly string[]).includes(command))
    return { type: "command", command: command as GlobalKeyword };
  return { type: "text", text };
}
