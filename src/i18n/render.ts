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
  const t = (key: string, p?: Record<string, string | number>) =>
    translator.t(language, key, { ...base, ...p });
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
