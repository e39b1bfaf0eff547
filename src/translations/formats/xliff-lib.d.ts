// The xliff package ships no types; these cover the two converters used here.
declare module "xliff/js2xliff" {
  export default function js2xliff(
    js: unknown,
    options?: { indent?: string; inlineAsString?: boolean },
  ): Promise<string>;
}
declare module "xliff/xliff2js" {
  export interface XliffUnit {
    source?: string;
    target?: string;
    note?: string | string[];
    additionalAttributes?: Record<string, unknown>;
  }
  export default function xliff2js(
    xml: string,
    options?: { inlineAsString?: boolean },
  ): Promise<{
    sourceLanguage?: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }>;
}
