/**
 * Where conversation state lives between turns: transient, keyed by a keyed hash of
 * channel + chat id (never the raw id), and gone after SESSION_TTL of inactivity.
 * Implementations: memory (embedded default) and Redis (several instances).
 */
export interface SessionStore {
  get(key: string): Promise<unknown>;
  /** Stores the value and (re)starts its time to live. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Whether the store answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
