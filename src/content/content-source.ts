/**
 * The content currently being served. Hot reload swaps it whole; a turn takes one snapshot at
 * its start, so a reload never mixes two versions inside one reply.
 */
import type { FlowBundle } from "../flows/definition/index.ts";
import type { Translator } from "../i18n/translator.ts";

export interface LiveContent {
  bundle: FlowBundle;
  translator: Translator;
}

export interface ContentSource {
  /** The version to use for one turn; throws ContentUnavailableError while none has passed the check. */
  current(): LiveContent;
}

/** No version of the content has passed the check yet: the person is told the service is being updated. */
export class ContentUnavailableError extends Error {
  constructor() {
    super("No valid content has been loaded yet: fix the errors in the log (npm run flows -- check).");
    this.name = "ContentUnavailableError";
  }
}

export function fixedContent(content: LiveContent): ContentSource {
  return { current: () => content };
}
