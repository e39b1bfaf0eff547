/** Runs scripted lines through the staff chat and returns the transcript, for golden files. */
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { runChat, type ChatOptions } from "../../src/cli/chat.ts";

export async function transcript(lines: readonly string[], options: ChatOptions): Promise<string> {
  const out: string[] = [];
  const rl = createInterface({ input: Readable.from(lines.map((l) => `${l}\n`)) });
  const code = await runChat(rl, (text) => out.push(text), options);
  if (code !== 0) throw new Error(`chat exited ${code}:\n${out.join("\n")}`);
  return `${out.join("\n").trim()}\n`;
}
