import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import type { Translator } from "../../i18n/translator.ts";
import { createLogger } from "../../logging/create-logger.ts";
import { setCommandMenus } from "./set-command-menus.ts";

const translator = {
  base: "en",
  languages: ["en", "nl", "pt-BR", "fil", "th"],
  t: (language: string, key: string) => `${language} ${key}`,
  has: (language: string) => language !== "th",
} as unknown as Translator;

describe("setCommandMenus", () => {
  it("sets a default menu and one per translated language (Filipino as tl), and survives a refusal", async () => {
    const calls: Array<{
      commands: Array<{ command: string; description: string }>;
      other: Record<string, unknown>;
    }> = [];
    const api = {
      async setMyCommands(
        commands: Array<{ command: string; description: string }>,
        other: Record<string, unknown>,
      ) {
        calls.push({ commands, other });
        if (other.language_code === "nl") throw new Error("Bad Request: something");
        return true;
      },
    } as unknown as Api;
    const lines: string[] = [];
    await setCommandMenus(
      api,
      translator,
      createLogger({ destination: { write: (l: string) => void lines.push(l) } }),
    );
    expect(calls.map((c) => c.other.language_code ?? "default")).toEqual(["default", "en", "nl", "pt", "tl"]);
    expect(calls[0]!.commands.map((c) => c.command)).toEqual(["menu", "help", "language", "erase"]);
    expect(calls[3]!.commands[0]!.description).toBe("pt-BR common:commands.menu");
    expect(calls.every((c) => (c.other.scope as { type: string }).type === "all_private_chats")).toBe(true);
    expect(lines.join("")).toContain("could not set the command menu");
  });
});
