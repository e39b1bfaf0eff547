/**
 * The campaigns created in the console, held in memory for analytics, which asks per event
 * (synchronously) whether a campaign is counted by name. Loaded when the database opens,
 * refreshed every minute so other instances' new campaigns count too, and updated at once
 * when this instance creates one.
 */
import type { Logger } from "pino";
import type { StaffStore } from "./staff-store.ts";

export interface CampaignRegistry {
  has(name: string): boolean;
  add(name: string): void;
  refresh(): Promise<void>;
  /** Refreshes every `intervalMs` until stop(). */
  start(intervalMs?: number): void;
  stop(): void;
}

export function createCampaignRegistry(store: StaffStore, logger: Logger): CampaignRegistry {
  let names = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const registry: CampaignRegistry = {
    has: (name) => names.has(name),
    add: (name) => void names.add(name),
    async refresh() {
      try {
        names = new Set([...names, ...(await store.campaigns()).map((c) => c.name)]);
      } catch (error) {
        logger.debug({ err: error }, "created campaigns not read yet");
      }
    },
    start(intervalMs = 60_000) {
      timer = setInterval(() => void registry.refresh(), intervalMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
  return registry;
}
