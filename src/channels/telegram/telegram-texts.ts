/**
 * Texts only the Telegram channel says: the command menu and the erase report. They are read from
 * the locales (`common:commands.*`, `common:telegram.*`) so translators can translate them; the
 * English here is only what people see while a key is missing from the base locale.
 */
import type { Translator } from "../../i18n/translator.ts";
import type { EraseReport } from "./erase-messages.ts";

export const menuCommands = ["menu", "help", "language", "erase"] as const;

const commandDefaults: Record<(typeof menuCommands)[number], string> = {
  menu: "Main menu",
  help: "Emergency and helpline contacts",
  language: "Change language",
  erase: "Forget this conversation and delete its messages",
};

const eraseDefaults = {
  deleted: "I deleted {{number}} message(s) in this chat.",
  failed: "{{number}} message(s) could not be deleted.",
  too_old: "{{number}} message(s) are older than 48 hours, and Telegram does not let me delete those.",
  rest: 'Older messages stay on your phone until you delete this chat: open the chat menu and choose "Delete chat".',
};

export function commandDescription(
  translator: Translator,
  language: string,
  command: (typeof menuCommands)[number],
): string {
  return translator.t(language, `common:commands.${command}`, { defaultValue: commandDefaults[command] });
}

/** What was and was not removed, in the person's language. */
export function eraseReportText(translator: Translator, language: string, report: EraseReport): string {
  const t = (key: keyof typeof eraseDefaults, number?: number) =>
    translator.t(language, `common:telegram.erase_${key}`, {
      defaultValue: eraseDefaults[key],
      ...(number === undefined ? {} : { number }),
    });
  const lines = [t("deleted", report.deleted)];
  if (report.failed) lines.push(t("failed", report.failed));
  if (report.tooOld) lines.push(t("too_old", report.tooOld));
  lines.push(t("rest"));
  return lines.join("\n");
}
