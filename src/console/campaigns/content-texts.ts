/**
 * Campaign texts from the content being served: the bot's languages with their names, the
 * WhatsApp greeting (`share:start_greeting`) and the poster's explanation
 * (`share:forward_message`), all parent-facing and translated like the rest of the bot.
 */
import type { ContentSource } from "../../content/content-source.ts";
import type { CampaignTexts } from "../console-deps.ts";

export function contentCampaignTexts(content: ContentSource, botName = "Guardline"): CampaignTexts {
  const translator = () => content.current().translator;
  return {
    languages: () => {
      try {
        const t = translator();
        return t.languages.map((code) => ({ code, name: t.languageName(code) }));
      } catch {
        return [{ code: "en", name: "English" }];
      }
    },
    greeting: (language) => translator().t(language, "share:start_greeting"),
    title: () => botName,
    poster: (language, link) => translator().t(language, "share:forward_message", { link }),
  };
}
