/**
 * The inbound queue for the composition root: on Redis Streams when REDIS_URL is set (several
 * instances share it), in process otherwise, with answered delivery ids kept in
 * DATA_DIR/answered-updates and the entries not yet answered in DATA_DIR/inbound.
 *
 * ```ts
 * const inbound = await createInboundQueue({ redis, dataDir: config.DATA_DIR, logger, ttlSeconds: config.SESSION_TTL });
 * // webhook: if (!(await inbound.submit(entry))) -> redelivery, answer 200; rejects -> answer 503
 * inbound.start((h) => runner.run(h));   // after the channels are ready
 * await inbound.stop();                  // on shutdown, before closing Redis
 * ```
 */
import { join } from "node:path";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { openAnsweredIds } from "./answered-ids-file.ts";
import type { InboundQueue } from "./inbound-queue.ts";
import { createMemoryInboundQueue } from "./memory-inbound-queue.ts";
import { openPendingEntries } from "./pending-entries-log.ts";
import { createRedisInboundQueue } from "./redis-inbound-queue.ts";

export interface InboundQueueDeps {
  redis: Redis | null;
  dataDir: string;
  logger: Logger;
  /** SESSION_TTL: an entry older than its conversation is not worth answering. */
  ttlSeconds: number;
  /** Redis key namespace (default `guardline:`). */
  prefix?: string;
  /** How long a delivery id is remembered (default 7 days: Meta retries a webhook that long). */
  dedupeSeconds?: number;
  /**
   * With Redis: how long a silent instance's partitions (and the entries it had in hand) wait
   * before a survivor takes them over (INBOUND_CLAIM_IDLE_MS, default 5 s).
   */
  claimIdleMs?: number;
}

export async function createInboundQueue(deps: InboundQueueDeps): Promise<InboundQueue> {
  const dedupeSeconds = deps.dedupeSeconds ?? 7 * 86_400;
  if (deps.redis)
    return createRedisInboundQueue({
      redis: deps.redis,
      logger: deps.logger,
      ttlSeconds: deps.ttlSeconds,
      dedupeSeconds,
      ...(deps.prefix ? { prefix: deps.prefix } : {}),
      ...(deps.claimIdleMs ? { leaseMs: deps.claimIdleMs, claimIdleMs: deps.claimIdleMs } : {}),
    });
  const answered = await openAnsweredIds(join(deps.dataDir, "answered-updates"), {
    ttlSeconds: dedupeSeconds,
  });
  const pending = await openPendingEntries(join(deps.dataDir, "inbound"), { ttlSeconds: deps.ttlSeconds });
  return createMemoryInboundQueue({ logger: deps.logger, answered, pending });
}
