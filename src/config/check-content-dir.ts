/**
 * Start-up checks of the settings that name content: CONTENT_DIR must hold flows, and
 * DEFAULT_LANGUAGE must be one of its locales. Without them the service would start, never become
 * ready, and say so only in stack traces; with them it refuses to start with one sentence each.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { contentPaths } from "../content/load-content.ts";
import type { Config } from "./config.ts";

export function contentDirProblems(config: Pick<Config, "CONTENT_DIR" | "DEFAULT_LANGUAGE">): string[] {
  const dir = config.CONTENT_DIR;
  if (!existsSync(dir))
    return [
      `CONTENT_DIR ${dir} does not exist: set it to the folder that holds flows/ and locales/ (unset: the current folder)`,
    ];
  const { flowsDir, localesDir } = contentPaths(dir);
  const flows = existsSync(flowsDir) ? readdirSync(flowsDir).filter((f) => /\.ya?ml$/.test(f)) : [];
  if (!flows.length)
    return [
      `CONTENT_DIR ${dir} has no flows (no ${join(flowsDir, "*.yaml")}): set it to the folder that holds flows/ and locales/`,
    ];
  const locales = manifestLocales(join(localesDir, "manifest.yaml"));
  // An unreadable manifest is the content checker's to explain, at its line; here only the language is checked.
  if (locales && !locales.includes(config.DEFAULT_LANGUAGE))
    return [
      `DEFAULT_LANGUAGE "${config.DEFAULT_LANGUAGE}" is not a locale in ${join(localesDir, "manifest.yaml")}; use one of: ${locales.join(", ")}`,
    ];
  return [];
}

function manifestLocales(file: string): string[] | null {
  try {
    const manifest = parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")) as {
      locales?: Record<string, unknown>;
    } | null;
    return manifest?.locales && typeof manifest.locales === "object" ? Object.keys(manifest.locales) : null;
  } catch {
    return null;
  }
}
