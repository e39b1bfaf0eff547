/**
 * Deep-link start payloads (`t.me/<bot>?start=<payload>`, QR codes per campaign).
 *
 * Format, within Telegram's 64 characters of `A-Za-z0-9_-`:
 *   `<campaign>[-<language>[-<country>]]`
 * - campaign: 1-32 of `A-Za-z0-9_` (may be empty: `-es-CO`)
 * - language: a locale with `_` for `-` (`pt_BR`), or empty
 * - country: two letters (`BR`)
 * Examples: `school_visits`, `rio2026-pt_BR-BR`, `-fil-PH`. Anything else starts normally.
 */
import type { Input, StartPayload } from "../engine/index.ts";

const pattern = /^([A-Za-z0-9_]{0,32})(?:-([a-z]{2,3}(?:_[A-Z]{2})?)?(?:-([A-Z]{2}))?)?$/;

export function parseStartPayload(raw: string | undefined): StartPayload {
  if (!raw || raw.length > 64) return {};
  const match = pattern.exec(raw);
  if (!match) return {};
  const [, campaign, language, country] = match;
  const payload: StartPayload = {};
  if (campaign) payload.campaign = campaign;
  if (language) payload.language = language.replace("_", "-");
  if (country) payload.country = country;
  return payload;
}

export function formatStartPayload(payload: StartPayload): string {
  const parts = [payload.campaign ?? "", payload.language?.replace("-", "_") ?? "", payload.country ?? ""];
  while (parts.length > 1 && !parts.at(-1)) parts.pop();
  return parts.join("-");
}

/**
 * A campaign link on WhatsApp (`https://wa.me/<number>?text=<greeting> [<payload>]`) can only
 * prefill the person's first message. A message ending in a valid `[<payload>]` is that start:
 * the payload counts, the greeting before it is ignored. Anything else is ordinary text.
 */
export function startFromGreeting(text: string): Input | null {
  const match = /\[([A-Za-z0-9_-]{1,64})\]\s*$/.exec(text);
  if (!match) return null;
  const payload = parseStartPayload(match[1]);
  return Object.keys(payload).length ? { type: "start", payload } : null;
}
