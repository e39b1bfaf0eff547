/** A throw-away copy of a content folder (flows/ and locales/), so tests may import into it. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { contentPaths, type ContentPaths } from "../../../src/content/load-content.ts";

export const shippedDir = new URL("../../..", import.meta.url).pathname;
export const miniDir = new URL("../../../test/fixtures/mini", import.meta.url).pathname;

export interface ContentCopy {
  dir: string;
  paths: ContentPaths;
  /** Every file under locales/, path -> bytes, to prove what an import did or did not change. */
  snapshot(): Map<string, string>;
  read(path: string): string;
  remove(): void;
}

export function copyContent(from: string): ContentCopy {
  const dir = mkdtempSync(join(tmpdir(), "guardline-translations-"));
  for (const part of ["flows", "locales"]) cpSync(join(from, part), join(dir, part), { recursive: true });
  const paths = contentPaths(dir);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return {
    dir,
    paths,
    snapshot: () =>
      new Map(walk(paths.localesDir).map((f) => [relative(paths.localesDir, f), readFileSync(f, "utf8")])),
    read: (path) => readFileSync(join(paths.localesDir, path), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The files that differ between two snapshots. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
