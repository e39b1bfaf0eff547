import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { miniDir } from "../../test/support/content.ts";
import { contentDirProblems } from "./check-content-dir.ts";

const temp = mkdtempSync(join(tmpdir(), "guardline-content-dir-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("contentDirProblems", () => {
  it("accepts content with flows and a default language it has", () => {
    expect(contentDirProblems({ CONTENT_DIR: miniDir, DEFAULT_LANGUAGE: "nl" })).toEqual([]);
  });

  it("says CONTENT_DIR does not exist", () => {
    expect(contentDirProblems({ CONTENT_DIR: "/nonexistent", DEFAULT_LANGUAGE: "en" })).toEqual([
      expect.stringMatching(/^CONTENT_DIR \/nonexistent does not exist/),
    ]);
  });

  it("says CONTENT_DIR has no flows", () => {
    mkdirSync(join(temp, "empty", "flows"), { recursive: true });
    expect(contentDirProblems({ CONTENT_DIR: join(temp, "empty"), DEFAULT_LANGUAGE: "en" })[0]).toMatch(
      /has no flows/,
    );
  });

  it("refuses a DEFAULT_LANGUAGE the manifest does not list, and lists those it does", () => {
    expect(contentDirProblems({ CONTENT_DIR: miniDir, DEFAULT_LANGUAGE: "xx" })[0]).toMatch(
      /^DEFAULT_LANGUAGE "xx" is not a locale in .*manifest\.yaml; use one of: en, nl$/,
    );
  });
});
