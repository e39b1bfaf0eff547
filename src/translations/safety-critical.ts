/**
 * Texts whose mistranslation can keep a parent from help or from their privacy: safeguarding
 * replies, contact headings and notes, privacy and erase texts, and the keyword lists people
 * type to reach help. They are marked in exports and counted apart in the review figures, so a
 * language is not called ready while these still wait for a native speaker.
 */
const namespaces = new Set(["help", "get_help", "keywords", "referrals"]);
const keys = new Set([
  "common:stopped",
  "common:erased",
  "common:erase_failed",
  "common:commands.erase",
  "common:commands.help",
  "welcome:privacy",
]);
const prefixes = ["common:referrals.", "common:kinds.", "common:telegram.erase"];

export function isSafetyCritical(key: string): boolean {
  return namespaces.has(key.split(":")[0]!) || keys.has(key) || prefixes.some((p) => key.startsWith(p));
}
