import { afterAll, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { copyContent, miniDir } from "../../test/support/translations/content-copy.ts";
import { runTranslationsCommand } from "./translations.ts";

const content = copyContent(miniDir);
afterAll(() => content.remove());

function run(args: string[]) {
  const lines: string[] = [];
  const stdout: Buffer[] = [];
  return runTranslationsCommand(args, {
    out: (l) => lines.push(l),
    stdout: (d) => stdout.push(d),
    today: new Date("2026-12-01"),
  }).then((code) => ({ code, lines, stdout: Buffer.concat(stdout).toString() }));
}

it("exports to a file named by --out (format from its extension) and imports it back unchanged", async () => {
  const file = join(content.dir, "nl.po");
  const exported = await run(["export", "--lang", "nl", "--out", file, "--dir", content.dir]);
  expect(exported).toMatchObject({
    code: 0,
    lines: [`✓ ${readFileSync(file, "utf8").match(/^msgctxt/gm)!.length} text(s) of nl written to ${file}`],
  });
  const imported = await run(["import", file, "--dir", content.dir]);
  expect(imported.code).toBe(0);
  expect(imported.lines.at(-1)).toBe(
    "✓ nl: 0 text(s) changed, 0 review state(s) set; wrote nothing (no change)",
  );
});

it("writes to standard output without --out, and says what is wrong with bad arguments", async () => {
  expect(
    (await run(["export", "--lang", "nl", "--format", "csv", "--only", "missing", "--dir", content.dir]))
      .stdout,
  ).toMatch(/^\uFEFFkey,language,english,translation,state/);
  expect(await run(["export", "--lang", "nl", "--format", "docx", "--dir", content.dir])).toMatchObject({
    code: 2,
    lines: ['unknown --format "docx"; use one of xliff, po, xlsx, csv'],
  });
  expect(await run(["export", "--lang", "xx", "--dir", content.dir])).toMatchObject({
    code: 1,
    lines: ['no locale "xx"; available: nl'],
  });
  expect((await run(["frobnicate"])).code).toBe(2);
});
