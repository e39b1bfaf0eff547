/**
 * Engine outputs -> channel-neutral replies: texts in the person's language, options with their
 * labels. Channels turn replies into buttons, lists or numbered text; no channel sees a text key.
 */
import type { Output } from "../engine/index.ts";
import { renderReferrals } from "./render-referrals.ts";
import type { Translator } from "./translator.ts";

export interface ReplyOption {
  id: string;
  label: string;
}

export interface Reply {
  text: string;
  /** Present on a question: what the person can choose, and which question it belongs to. */
  options?: ReplyOption[];
  node?: string;
}

/**
 * The i18next context of a channel: a text may say something truer for the app the person is on
 * (`privacy_telegram`; `privacy_whatsapp_web`, whose bot can revoke its recent messages; and
 * `privacy_whatsapp`, the Cloud API, which cannot). A missing variant falls back to the plain key.
 */
export function channelContext(channel: string | undefined): string | undefined {
  if (channel === "telegram" || channel === "whatsapp_web") return channel;
  if (channel?.startsWith("whatsapp")) return "whatsapp";
  return undefined;
}

/**
 * Texts already looked up, per content version (its translator): most of a turn's texts (the
 * question, its option labels, a paragraph of guidance) are the same for everyone who reaches
 * that node in that language on that app, and looking them up through i18next (namespaces,
 * fallbacks, context, interpolation) was the largest part of rendering a turn. Only texts without
 * a parameter of their own are kept, so nothing particular to a person (a country or campaign
 * in a sentence) stays here; the service's own text parameters and the channel are in the key.
 * A new content version brings a new translator, and its own cache.
 */
const renderedTexts = new WeakMap<Translator, Map<string, string>>();
/** Distinct texts kept per content version: languages x nodes x apps is far below this. */
const maxRenderedTexts = 20_000;

export function render(
  outputs: readonly Output[],
  language: string,
  translator: Translator,
  params: Record<string, string | number> = {},
  /** The channel the replies go to (TurnRequest.channel), for texts that differ per app. */
  channel?: string,
): Reply[] {
  const context = channelContext(channel);
  const base = context ? { ...params, context } : params;
  let cache = renderedTexts.get(translator);
  if (!cache) renderedTexts.set(translator, (cache = new Map()));
  const texts = cache;
  const prefix = `${language}\0${JSON.stringify(base)}\0`;
  const t = (key: string, p?: Record<string, string | number>) => {
    if (p && Object.keys(p).length) return translator.t(language, key, { ...base, ...p });
    const id = prefix + key;
    let text = texts.get(id);
    if (text === undefined) {
      text = translator.t(language, key, base);
      if (texts.size >= maxRenderedTexts) texts.clear();
      texts.set(id, text);
    }
    return text;
  };
  return outputs.map((output): Reply => {
    switch (output.type) {
      case "text":
        return { text: t(output.text.key, output.text.params) };
      case "question":
        return {
          text: t(output.text.key, output.text.params),
          node: output.node,
          options: output.options.map((o) => ({ id: o.id, label: t(o.label.key, o.label.params) })),
        };
      case "referrals":
        return { text: renderReferrals(output, t, language) };
    }
  });
}
