/**
 * Golden transcripts are written only on purpose: `npm run goldens:update` (or `npx vitest -u`
 * with GOLDENS_UPDATE=1 for one file). `npm test` never writes one; a golden that does not exist yet
 * fails with the command that creates it, so a new topic or language shows up as a file to read.
 */
import { existsSync } from "node:fs";
import { expect } from "vitest";

const goldensDir = new URL("../goldens/", import.meta.url);

/** Compares `text` with test/goldens/<name>. */
export async function expectGolden(text: string, name: string): Promise<void> {
  const file = new URL(name, goldensDir).pathname;
  if (!existsSync(file) && !process.env.GOLDENS_UPDATE)
    throw new Error(
      `test/goldens/${name} does not exist yet. Create it with \`npm run goldens:update\`, read it, and commit it with your change.`,
    );
  await expect(text).toMatchFileSnapshot(file);
}
