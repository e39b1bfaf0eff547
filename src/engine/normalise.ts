/**
 * Text comparison for typed answers and keywords: case-insensitive, Latin accents ignored
 * ("emergência" = "emergencia"), punctuation and extra spaces ignored.
 *
 * Invisible format characters (zero-width joiners, which Bengali and Hindi keyboards insert) are
 * dropped too.
 *
 * Why only Latin accents: in Thai, Lao, Devanagari and Bengali the combining marks are vowels,
 * and removing them would make different words equal.
 */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .toLowerCase()
    .replace(/([a-z])\p{M}+/gu, "$1")
    .normalize("NFC")
    // Zero-width joiners and other invisible format characters that phone keyboards insert.
    .replace(/\p{Cf}/gu, "")
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const latin = /^[a-z0-9 ]+$/;

/**
 * Whether `word` occurs in `text` (both normalised). Latin-script words must stand alone
 * ("abuse" is not found in "disabused"); other scripts are matched as substrings because
 * Thai and Lao do not separate words with spaces.
 */
export function containsWord(text: string, word: string): boolean {
  if (!word) return false;
  if (!latin.test(word)) return text.includes(word);
  return ` ${text} `.includes(` ${word} `);
}
