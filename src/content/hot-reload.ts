/**
 * Serves content (flows, referral files, locales) and reloads it when files change. A version that
 * fails the check is refused with the same `file:line` problems `flows check` prints, and the last
 * good version keeps serving. Turns take one snapshot each (ContentSource), so a swap is atomic.
 */
import { watch, type FSWatcher } from "node:fs";
import type { Logger } from "pino";
import { ContentUnavailableError, type ContentSource, type LiveContent } from "./content-source.ts";
import type { ChannelDeclarations } from "./checks/channel-limits.ts";
import { loadContent, type Content, type ContentPaths } from "./load-content.ts";
import { formatProblem } from "./files/problem.ts";

export interface ContentStatus {
  /** A good version is being served. */
  ready: boolean;
  /** The last load attempt succeeded. */
  lastLoadOk: boolean;
  loadedAt: string | null;
  attemptedAt: string | null;
  /** Errors of the last failed attempt, `file:line:col: error: sentence` (at most 20). */
  errors: string[];
  flows: number;
  languages: readonly string[];
}

export interface HotContent extends ContentSource {
  status(): ContentStatus;
  /** Loads now (also what the watcher calls); returns whether the new version was taken. */
  reload(): boolean;
  /** Starts watching flows/ and locales/. */
  watch(): void;
  close(): void;
}

export interface HotContentOptions {
  paths: ContentPaths;
  /** What the channels declare, which every version is checked against (src/channels/limits.ts). */
  channels: ChannelDeclarations;
  logger: Logger;
  debounceMs?: number;
  load?: (paths: ContentPaths) => Content;
  now?: () => Date;
  /** Called after a new version is taken (for example to update the Telegram command menu). */
  onReload?: (content: LiveContent) => void;
}

export function createHotContent(options: HotContentOptions): HotContent {
  const load = options.load ?? ((paths) => loadContent(paths, { channels: options.channels }));
  const now = options.now ?? (() => new Date());
  let live: LiveContent | null = null;
  let status: ContentStatus = {
    ready: false,
    lastLoadOk: false,
    loadedAt: null,
    attemptedAt: null,
    errors: [],
    flows: 0,
    languages: [],
  };
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  const reload = (): boolean => {
    const attemptedAt = now().toISOString();
    const content = load(options.paths);
    const errors = content.problems.filter((p) => p.severity === "error").map(formatProblem);
    if (!content.bundle || !content.translator) {
      for (const line of errors) options.logger.error({ problem: line }, "content problem");
      options.logger.error(
        { errors: errors.length },
        live
          ? "content refused; the last good version keeps serving"
          : "content has errors; not ready until they are fixed",
      );
      status = { ...status, lastLoadOk: false, attemptedAt, errors: errors.slice(0, 20) };
      return false;
    }
    live = { bundle: content.bundle, translator: content.translator };
    status = {
      ready: true,
      lastLoadOk: true,
      loadedAt: attemptedAt,
      attemptedAt,
      errors: [],
      flows: content.bundle.flows.size,
      languages: content.translator.languages,
    };
    options.logger.info(
      { flows: status.flows, languages: status.languages, warnings: content.problems.length },
      "content loaded",
    );
    options.onReload?.(live);
    return true;
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        reload();
      } catch (error) {
        options.logger.error({ err: error }, "content reload failed; the last good version keeps serving");
      }
    }, options.debounceMs ?? 300);
  };

  return {
    current() {
      if (!live) throw new ContentUnavailableError();
      return live;
    },
    status: () => status,
    reload,
    watch() {
      for (const dir of [options.paths.flowsDir, options.paths.localesDir]) {
        try {
          const watcher = watch(dir, { recursive: true }, schedule);
          watcher.on("error", (error) =>
            options.logger.warn({ err: error }, "content watcher stopped; restart to pick up changes"),
          );
          watchers.push(watcher);
        } catch (error) {
          options.logger.warn({ err: error, dir }, "cannot watch content directory; changes need a restart");
        }
      }
    },
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      watchers = [];
    },
  };
}
