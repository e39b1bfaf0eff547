/**
 * Safety properties of the content Guardline ships, checked on the real files: the checker
 * passes, help is one word away from every question in every language, and every country's
 * "get help now" shows an emergency number or says plainly that there is none.
 */
import { describeContent } from "./support/content-suite.ts";
import { shippedDir } from "./support/content.ts";

describeContent(shippedDir);
