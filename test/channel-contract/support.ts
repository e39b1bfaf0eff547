/**
 * What every channel harness is built from: the mini content, a session store that remembers
 * which keys and values it saw, and a logger whose every line the test can read. Nothing here
 * redacts, so a privacy assertion fails if channel code itself logs something identifying.
 */
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { fixedContent, type ContentSource } from "../../src/content/content-source.ts";
import { createMemorySessionStore } from "../../src/sessions/memory-session-store.ts";
import { createSessionKeyer, type SessionKeyer } from "../../src/sessions/session-key.ts";
import type { SessionStore } from "../../src/sessions/session-store.ts";
import { loadOk, miniDir } from "../support/content.ts";

export interface RecordingSessions extends SessionStore {
  /** Every key ever written, and every value as stored (JSON). */
  readonly written: Map<string, string>;
  /** Keys that currently hold a conversation's state (channels may keep other entries too). */
  live(): Promise<string[]>;
}

export function recordingSessions(): RecordingSessions {
  const inner = createMemorySessionStore();
  const written = new Map<string, string>();
  const keys = new Set<string>();
  return {
    ...inner,
    written,
    async set(key, value, ttl) {
      written.set(key, JSON.stringify(value));
      keys.add(key);
      await inner.set(key, value, ttl);
    },
    async delete(key) {
      keys.delete(key);
      await inner.delete(key);
    },
    async live() {
      const out: string[] = [];
      for (const key of keys) if (isConversationState(await inner.get(key))) out.push(key);
      return out;
    },
  };
}

/** The engine's persisted state (src/engine/types.ts SessionState), as opposed to a channel's own entries. */
function isConversationState(value: unknown): boolean {
  return typeof value === "object" && value !== null && "vars" in value && "at" in value;
}

export interface CapturedLogs {
  logger: Logger;
  text(): string;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "trace" }, stream), text: () => lines.join("") };
}

export function miniContent(): ContentSource {
  const { bundle, translator } = loadOk(miniDir);
  return fixedContent({ bundle, translator });
}

/** The mini content with one text made far longer than any platform message. */
export function longTextContent(key: string, paragraphs: string[]): ContentSource {
  const { bundle, translator } = loadOk(miniDir);
  const long = {
    ...translator,
    t: (language: string, k: string, params?: Record<string, string | number>) =>
      k === key ? paragraphs.join("\n\n") : translator.t(language, k, params),
  };
  return fixedContent({ bundle, translator: long });
}

export const testKeyer: SessionKeyer = createSessionKeyer("contract-suite-secret-0123456789abcdef");

/** A numbered-text message as the person reads it: the text, and the `1. Label` lines as options. */
export function parseNumbered(body: string): { text: string; options: string[] } {
  const lines = body.split("\n");
  const options = lines.flatMap((line) => /^\s*\d+\. (.+)$/.exec(line)?.[1] ?? []);
  const text = lines.filter((line) => !/^\s*\d+\. /.test(line)).join("\n");
  return { text, options };
}
