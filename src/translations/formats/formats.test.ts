/** How each translation tool's way of approving a text arrives as a review state. */
import { afterAll, expect, it } from "vitest";
import { exportTranslations } from "../export-translations.ts";
import { importTranslations } from "../import-translations.ts";
import { readReviewState } from "../review-state.ts";
import { copyContent, miniDir } from "../../../test/support/translations/content-copy.ts";

const content = copyContent(miniDir);
afterAll(() => content.remove());
const today = new Date("2026-12-01");

async function exported(format: "po" | "xliff" | "csv"): Promise<string> {
  const result = await exportTranslations(content.paths, { lang: "nl", format });
  if (!result.ok) throw new Error(result.message);
  return result.data.toString("utf8");
}

it("PO: a text approved in the tool (fuzzy flag removed) is recorded as reviewed, its text unchanged", async () => {
  const po = await exported("po");
  expect(po).toContain('#. state: draft\n#, fuzzy\nmsgctxt "menu:bye"');
  expect(po).toContain("#. limit: 20 characters (WhatsApp button)\n#. used in: menu/pick");
  const approved = po.replace('#, fuzzy\nmsgctxt "menu:bye"', 'msgctxt "menu:bye"');
  const result = await importTranslations(content.paths, {
    fileName: "nl.po",
    data: Buffer.from(approved),
    by: "Anna",
    today,
  });
  expect(result).toMatchObject({ ok: true, changedTexts: [], changedStates: ["menu:bye"] });
  expect(readReviewState(content.paths.localesDir, "nl").get("menu:bye")).toMatchObject({
    state: "reviewed",
    by: "Anna",
    on: "2026-12-01",
  });
});

it("XLIFF: a changed target is taken and reviewed; limits travel as slr:sizeRestriction", async () => {
  const xlf = await exported("xliff");
  expect(xlf).toContain('<unit id="common:yes" slr:sizeRestriction="20">');
  const edited = xlf.replace("<target>Nu hulp krijgen</target>", "<target>Hulp, nu meteen</target>");
  const result = await importTranslations(content.paths, {
    fileName: "nl.xlf",
    data: Buffer.from(edited),
    today,
  });
  expect(result).toMatchObject({
    ok: true,
    changedTexts: ["menu:get_help"],
    changedStates: ["menu:get_help"],
  });
  expect(JSON.parse(content.read("nl/menu.json")).get_help).toBe("Hulp, nu meteen");
});

it("CSV: a new translation marked machine stays machine; keyword lists are comma-separated words", async () => {
  const csv = await exported("csv");
  const line = csv.split("\n").find((l) => l.startsWith("keywords:help,"))!;
  expect(line).toContain('"help, sos, help me, helpline"');
  const filled = csv.replace(
    /^feedback:thanks,nl,Thank you\.,,missing,/m,
    "feedback:thanks,nl,Thank you.,Dank je.,machine,",
  );
  const result = await importTranslations(content.paths, {
    fileName: "nl.csv",
    data: Buffer.from(filled),
    today,
  });
  expect(result).toMatchObject({ ok: true, changedTexts: ["feedback:thanks"] });
  // A namespace new to the locale gets a file of its own, in the English key order.
  expect(content.read("nl/feedback.json")).toBe('{\n  "thanks": "Dank je."\n}\n');
  expect(readReviewState(content.paths.localesDir, "nl").get("feedback:thanks")).toEqual({
    state: "machine",
    english: expect.any(String),
  });
});
