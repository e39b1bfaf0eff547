/** The kinds of contact a referral directory lists, and a flow's `referrals` node asks for. */
export const referralKinds = [
  "emergency",
  "police",
  "ambulance",
  "child_helpline",
  "abuse_report",
  "online_report",
  "image_removal",
  "travel_report",
  "support_org",
] as const;
export type ReferralKind = (typeof referralKinds)[number];
