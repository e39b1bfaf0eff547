/**
 * Longer messages are cut to this many characters before anything else, so a pasted book (or a
 * megabyte of digits) costs the same as a long paragraph. A disclosure fits well within it.
 */
export const maxTextLength = 4000;

/**
 * Text comparison for typed answers and keywords: case-insensitive, Latin accents ignored
 * ("emergência" = "emergencia"), punctuation and extra spaces ignored.
 *
 * Full-width letters and digits ("ＨＥＬＰ", "１") count as plain ones, digits of every script as
 * 0-9, and 🆘 as "sos". Invisible format characters (zero-width joiners, which Bengali and Hindi keyboards insert) are
 * dropped too.
 *
 * Why only Latin accents: in Thai, Lao, Devanagari and Bengali the combining marks are vowels,
 * and removing them would make different words equal.
 */
export function normalise(text: string): string {
  return (
    asciiDigits(
      text
        .slice(0, maxTextLength)
        .normalize("NFKC")
        .replace(/\u{1F198}/gu, " sos "),
    )
      .normalize("NFD")
      .toLowerCase()
      .replace(/([a-z])\p{M}+/gu, "$1")
      .normalize("NFC")
      // Zero-width joiners and other invisible format characters that phone keyboards insert.
      .replace(/\p{Cf}/gu, "")
      .replace(/[\p{P}\p{S}]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * Thai, Lao, Bengali and Devanagari digits (and every other decimal digit) as 0-9, so "๒" and "২"
 * choose option 2. Unicode keeps each script's digits as one run from 0 to 9.
 */
function asciiDigits(text: string): string {
  // Only digits outside 0-9 need the walk back to their script's zero.
  return text.replace(/(?![0-9])\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    let zero = code;
    while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String((code - zero) % 10);
  });
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
