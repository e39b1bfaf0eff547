/**
 * The "/" command menu per language (setMyCommands). Telegram takes two-letter language codes, so
 * `pt-BR` becomes `pt` unless `pt` has its own locale; the base locale is also the default menu.
 * A failing call is logged and skipped: the menu is a convenience, answering people is not.
 */
import type { Api } from "grammy";
import type { LanguageCode } from "grammy/types";
import type { Logger } from "pino";
import type { Translator } from "../../i18n/translator.ts";
import type { ApiSignal } from "./api-signal.ts";
import { commandDescription, menuCommands } from "./telegram-texts.ts";

/** Locales whose ISO 639-1 code differs from their own: Telegram calls Filipino Tagalog (`tl`). */
const telegramLanguageCodes: Record<string, string> = { fil: "tl" };

export async function setCommandMenus(
  api: Api,
  translator: Translator,
  logger: Logger,
  signal?: ApiSignal,
): Promise<void> {
  const commands = (language: string) =>
    menuCommands.map((command) => ({
      command,
      description: commandDescription(translator, language, command).slice(0, 256),
    }));
  const menus: Array<{ language_code?: string; language: string }> = [{ language: translator.base }];
  const taken = new Set<string>();
  for (const language of translator.languages) {
    const code = telegramLanguageCodes[language] ?? language.split("-")[0]!.toLowerCase();
    if (code.length !== 2 || taken.has(code)) continue;
    if (language !== translator.base && !translator.has(language, "common:commands.menu")) continue;
    taken.add(code);
    menus.push({ language, language_code: code });
  }
  for (const menu of menus) {
    try {
      await api.setMyCommands(
        commands(menu.language),
        {
          scope: { type: "all_private_chats" },
          ...(menu.language_code ? { language_code: menu.language_code as LanguageCode } : {}),
        },
        signal,
      );
    } catch (error) {
      logger.warn(
        { err: error, language: menu.language },
        "telegram: could not set the command menu; commands still work when typed",
      );
    }
  }
}
