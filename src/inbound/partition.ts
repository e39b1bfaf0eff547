/**
 * Which partition (stream) a chat's entries go to. A stable hash of the chat key, so every
 * instance puts one chat's updates in the same stream, where they are handled one at a time.
 */
import { createHash } from "node:crypto";

export function partitionOf(chatKey: string, partitions: number): number {
  return createHash("sha1").update(chatKey).digest().readUInt32BE(0) % partitions;
}
