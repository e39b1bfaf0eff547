/**
 * A queue consumer in its own process, for tests that kill it with SIGKILL in the middle of an
 * entry: it prints `started <dedupeKey> <attempt>` when a turn begins and never finishes it.
 * Env: REDIS_URL, PREFIX, PARTITIONS, LEASE_MS.
 */
import { Redis } from "ioredis";
import { createLogger } from "../../src/logging/create-logger.ts";
import { createRedisInboundQueue } from "../../src/inbound/redis-inbound-queue.ts";

const env = process.env;
const queue = createRedisInboundQueue({
  redis: new Redis(env.REDIS_URL!),
  logger: createLogger({ level: "silent" }),
  prefix: env.PREFIX!,
  partitions: Number(env.PARTITIONS),
  leaseMs: Number(env.LEASE_MS),
});
queue.start(async (inbound) => {
  await inbound.recordReplies(["one", "two", "three"]);
  await inbound.recordSent(1);
  process.stdout.write(`started ${inbound.entry.dedupeKey} ${inbound.attempt}\n`);
  await new Promise(() => {});
});
setInterval(() => process.stdout.write(`owned ${queue.owned().length}\n`), 100);
