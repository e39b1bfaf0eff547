/**
 * Reads the referral directory (flows/referrals/*.yaml). Entries without a source, with an
 * invalid number or address, or a file whose name does not match its country are refused
 * with a located problem; Guardline never shows a contact it cannot trace.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Problem } from "../content/files/problem.ts";
import { readValidated } from "../content/files/read-validated.ts";
import type { SourceFile } from "../content/files/source-file.ts";
import { referralFileSchema, type ReferralFile } from "./schema.ts";

export interface LoadedReferrals {
  directory: Map<string, ReferralFile>;
  sources: Map<string, SourceFile>;
  /** Country codes (from file names) of files that were refused; references to them are not reported again. */
  failed: string[];
  problems: Problem[];
}

export function loadReferrals(dir: string): LoadedReferrals {
  const directory = new Map<string, ReferralFile>();
  const sources = new Map<string, SourceFile>();
  const problems: Problem[] = [];
  const failed: string[] = [];
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  for (const name of files) {
    const parsed = readValidated(join(dir, name), referralFileSchema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      const code = name.replace(/\.ya?ml$/, "");
      failed.push(code === "international" ? code : code.toUpperCase());
      continue;
    }
    const file = parsed.value;
    const expected = basename(name).replace(/\.ya?ml$/, "");
    if (expected.toLowerCase() !== file.country.toLowerCase()) {
      problems.push({
        file: parsed.source.file,
        ...parsed.source.positionOf(["country"]),
        rule: "referral-country-mismatch",
        severity: "error",
        message: `country \`${file.country}\` does not match the file name; name the file ${file.country.toLowerCase()}.yaml`,
      });
      continue;
    }
    const seen = new Set<string>();
    file.entries.forEach((entry, i) => {
      if (seen.has(entry.id))
        problems.push({
          file: parsed.source.file,
          ...parsed.source.positionOf(["entries", i, "id"]),
          rule: "duplicate-referral-id",
          severity: "error",
          message: `entry id \`${entry.id}\` is used twice`,
        });
      seen.add(entry.id);
    });
    directory.set(file.country, file);
    sources.set(file.country, parsed.source);
  }
  return { directory, sources, failed, problems };
}
