/**
 * A SessionStore that times every call and counts failures, around any other store (memory or
 * Redis). Keys and values are never looked at: the operation name is the only label.
 */
import type { SessionStore } from "../sessions/session-store.ts";
import type { Metrics } from "./create-metrics.ts";

type Operation = "get" | "set" | "delete" | "ping";

export function observeSessionStore(store: SessionStore, metrics: Metrics): SessionStore {
  const timed = async <T>(operation: Operation, call: () => Promise<T>): Promise<T> => {
    const end = metrics.sessionStoreSeconds.startTimer({ operation });
    try {
      return await call();
    } catch (error) {
      metrics.sessionStoreErrors.inc({ operation });
      throw error;
    } finally {
      end();
    }
  };
  return {
    get: (key) => timed("get", () => store.get(key)),
    set: (key, value, ttlSeconds) => timed("set", () => store.set(key, value, ttlSeconds)),
    delete: (key) => timed("delete", () => store.delete(key)),
    ping: () => timed("ping", () => store.ping()),
    close: () => store.close(),
  };
}
