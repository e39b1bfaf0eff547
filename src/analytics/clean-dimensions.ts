/**
 * The turn's dimensions and event fields reduced to short codes before they are counted.
 * Flow, node and option ids come from staff-written files (the flow schema validates them), so
 * they only have to look like ids. Values from channels and deep links can be crafted by anyone
 * (`?start=<your name>`): only campaigns staff listed are kept, and a channel value that could
 * carry a person's name, number or words is replaced by "other" rather than stored.
 */
import type { EventDimensions } from "./analytics-sink.ts";

/** Ids as flow files write them (`a-z0-9_`, `@stop`, `flow:menu`), at most 64 characters. */
const codePattern = /^[A-Za-z0-9_:@.-]{0,64}$/;
/** Six or more digits in a row look like a phone number (in values from channels and links). */
const longNumber = /\d{6,}/;
/** Flow versions are the first 12 hex digits of the file's sha256 (see load-flows.ts). */
const versionPattern = /^[0-9a-f]{12}$/;

export const other = "other";

/** An id staff wrote in a flow file (flow, node, option, keyword, referral kind). */
export function code(value: string | undefined): string {
  if (!value) return "";
  return codePattern.test(value) ? value : other;
}

/** A flow version: a content hash, which may well hold six digits in a row. */
export function flowVersion(value: string | undefined): string {
  if (!value) return "";
  return versionPattern.test(value) ? value : other;
}

/** A value a channel or a deep link supplied: anyone could have written it. */
export function untrusted(value: string | undefined): string {
  const id = code(value);
  return longNumber.test(id) ? other : id;
}

const patterns = {
  channel: /^[a-z][a-z0-9_]{0,31}$/,
  locale: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/,
  country: /^([A-Z]{2}|international)$/,
  campaign: /^[A-Za-z0-9_]{1,32}$/,
};

/** Campaigns staff have listed; anything else a deep link says is counted as "other". */
export type CampaignFilter = (campaign: string) => boolean;
export const noCampaigns: CampaignFilter = () => false;

export function cleanDimensions(
  d: EventDimensions,
  isCampaign: CampaignFilter = noCampaigns,
): EventDimensions {
  const pick = (field: keyof typeof patterns, value: string) =>
    !value ? "" : patterns[field].test(value) && !longNumber.test(value) ? value : other;
  const campaign = pick("campaign", d.campaign);
  return {
    channel: pick("channel", d.channel) || other,
    locale: pick("locale", d.locale),
    country: pick("country", d.country),
    campaign: campaign && campaign !== other && isCampaign(campaign) ? campaign : campaign && other,
  };
}
