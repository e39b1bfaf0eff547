/**
 * What a channel can show, declared by the channel itself (its limits.ts). The turn runner cuts
 * replies to `messageChars`; the content checker and the translators' context warn about texts
 * that would not fit. A declaration is plain data, so reading it never loads the channel.
 */
export interface ChannelLimits {
  /** The channel as staff know it, in the checker's sentences: "Telegram", "WhatsApp". */
  title: string;
  /** Longest text one message may hold (UTF-16 units, see split-text). */
  messageChars: number;
  /** The channel writes options into the text as `1. Label` lines (no buttons). */
  numberedOptions?: boolean;
  /** Bytes the data of a button or list row may carry (choice-data.ts). */
  choiceDataBytes?: number;
  /** Reply buttons: how many one message holds and how many characters a label shows. */
  buttons?: { max: number; labelChars: number };
  /** Lists: how many rows, the characters a row label shows, and those of the list's own button. */
  list?: { rows: number; rowLabelChars: number; buttonChars: number };
  /** Longest text a message with buttons or a list may carry; a longer question goes as numbered text. */
  interactiveBodyChars?: number;
}
