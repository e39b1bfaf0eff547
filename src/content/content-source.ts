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
  current(): LiveContent;
}

export function fixedContent(content: LiveContent): ContentSource {
  return { current: () => content };
}
