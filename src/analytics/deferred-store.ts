/**
 * A CounterStore that exists before its database does: the service starts (and answers people)
 * while the database is still opening, migrating or down. Until `attach()`, reads throw
 * AnalyticsUnavailableError (the admin API answers 503) and the sink keeps counts in memory.
 */
import { HTTPException } from "hono/http-exception";
import type { CounterStore } from "./counter-store.ts";

const unavailable =
  "The analytics database is not available yet; counts are kept in memory. Try again in a minute.";

/**
 * The analytics database is not open (yet): a report cannot be built now. An HTTPException, so
 * the app's one error handler answers it as 503 with Retry-After, wherever it is thrown.
 */
export class AnalyticsUnavailableError extends HTTPException {
  constructor() {
    super(503, {
      message: unavailable,
      res: new Response(JSON.stringify({ error: unavailable }), {
        status: 503,
        headers: { "content-type": "application/json", "retry-after": "10" },
      }),
    });
    this.name = "AnalyticsUnavailableError";
  }
}

export interface DeferredStore extends CounterStore {
  attach(store: CounterStore): void;
  readonly attached: boolean;
}

export function createDeferredStore(): DeferredStore {
  let target: CounterStore | null = null;
  const use = (): CounterStore => {
    if (!target) throw new AnalyticsUnavailableError();
    return target;
  };
  return {
    attach(store) {
      target = store;
    },
    get attached() {
      return target !== null;
    },
    get writes() {
      return target?.writes ?? 0;
    },
    increment: async (cells) => use().increment(cells),
    deleteBefore: async (time) => use().deleteBefore(time),
    sums: async (filters, kinds, by, where) => use().sums(filters, kinds, by, where),
    ping: async () => use().ping(),
  };
}
