/**
 * The session secret: from SESSION_SECRET, or generated once and kept in DATA_DIR so session keys
 * (and the derived Telegram webhook secret) survive restarts on a laptop. Written owner-only (0600).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const secretFileName = "session-secret";

export interface SessionSecret {
  value: string;
  source: "env" | "file" | "generated";
}

export class SecretFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `The session secret in ${file} cannot be used: ${reason}. Set SESSION_SECRET or remove the file to generate a new one (existing sessions are then forgotten).`,
    );
    this.name = "SecretFileError";
  }
}

export function resolveSessionSecret(config: {
  SESSION_SECRET?: string | undefined;
  DATA_DIR: string;
}): SessionSecret {
  if (config.SESSION_SECRET) return { value: config.SESSION_SECRET, source: "env" };
  const file = join(config.DATA_DIR, secretFileName);
  const existing = readExisting(file);
  if (existing !== null) {
    if (existing.length < 32) throw new SecretFileError(file, "it is shorter than 32 characters");
    return { value: existing, source: "file" };
  }
  mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString("base64url");
  try {
    // "wx": if another process created it in the meantime, use theirs rather than overwrite it.
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return resolveSessionSecret(config);
    throw error;
  }
  chmodSync(file, 0o600);
  return { value, source: "generated" };
}

function readExisting(file: string): string | null {
  try {
    if (!statSync(file).isFile()) throw new SecretFileError(file, "it is not a file");
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
