/**
 * A campaign's links. Telegram: `https://t.me/<bot>?start=<payload>`. WhatsApp has no start
 * parameter, so the link prefills the first message: a short greeting, a space and
 * `[<payload>]`, which the WhatsApp channels read from a first message. The payload is the
 * deep-link start payload (`<campaign>[-<language>[-<country>]]`, see start-payload.ts).
 */
import QRCode from "qrcode";
import { formatStartPayload } from "../../conversation/start-payload.ts";

export interface LinkChoice {
  campaign: string;
  language?: string | undefined;
  country?: string | undefined;
}

/** Campaign names as start payloads allow them (at most 32 of A-Z a-z 0-9 _). */
export const campaignNamePattern = /^[A-Za-z0-9_]{1,32}$/;

export const payloadOf = (choice: LinkChoice) =>
  formatStartPayload({
    campaign: choice.campaign,
    ...(choice.language ? { language: choice.language } : {}),
    ...(choice.country ? { country: choice.country } : {}),
  });

export function telegramLink(bot: string, choice: LinkChoice): string {
  return `https://t.me/${encodeURIComponent(bot)}?start=${payloadOf(choice)}`;
}

/** The prefilled first message, e.g. `Hello [school_visits-es]`. */
export const whatsappFirstMessage = (greeting: string, choice: LinkChoice) =>
  `${greeting} [${payloadOf(choice)}]`;

export function whatsappLink(number: string, greeting: string, choice: LinkChoice): string {
  return `https://wa.me/${number.replace(/\D/g, "")}?text=${encodeURIComponent(whatsappFirstMessage(greeting, choice))}`;
}

/** Error correction M: posters get scuffed and photographed at an angle. */
const qrOptions = { errorCorrectionLevel: "M", margin: 2 } as const;

export const qrPng = (link: string): Promise<Buffer> =>
  QRCode.toBuffer(link, { ...qrOptions, type: "png", width: 600 });
export const qrSvg = (link: string): Promise<string> => QRCode.toString(link, { ...qrOptions, type: "svg" });
