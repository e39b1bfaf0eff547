/**
 * The files Guardline keeps in DATA_DIR to survive a crash (the analytics journal, the pending
 * inbound entries, the answered delivery ids) are append-only logs that are, now and then,
 * replaced by a short version of themselves. Replacing goes through a temporary file, fsync and
 * a rename, so a crash at any moment leaves either the old file or the new one, whole; the files
 * are the owner's only.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";

/** Replaces `file` with `text`, durably. */
export function replaceFile(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    if (text) writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Replaces `file` with `text`, durably, and opens it for appending: returns the descriptor. */
export function restartLog(file: string, text: string): number {
  replaceFile(file, text);
  return openSync(file, "a", 0o600);
}
