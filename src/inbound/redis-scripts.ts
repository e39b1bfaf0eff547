/**
 * The Lua scripts of the Redis inbound queue: each is one atomic step, so a crash between two
 * commands cannot leave a half-done submit (seen but never queued) or release another's lease.
 */
import type { Redis } from "ioredis";

/**
 * submit: KEYS = seen key, stream key; ARGV = seen TTL (s), stream TTL (s), max length, group, entry JSON.
 * Marks the delivery id seen and appends the entry, or returns 0 for a delivery seen before.
 * Entries older than the stream TTL are trimmed (they would resume a conversation already expired),
 * the length is capped, the stream expires when idle, and the group exists before the first read.
 */
const submit = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
local now = redis.call('TIME')
local minid = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[2]) * 1000
if minid > 0 then redis.call('XTRIM', KEYS[2], 'MINID', minid) end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'e', ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[2])
pcall(redis.call, 'XGROUP', 'CREATE', KEYS[2], ARGV[4], '0')
return id
`;

/** renew: KEYS = lease key; ARGV = owner, lease ms. 1 while the lease is still ours. */
const renew = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** release: KEYS = lease key; ARGV = owner. Deletes the lease only if it is ours. */
const release = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface InboundScripts {
  submit(seenKey: string, streamKey: string, ...args: Array<string | number>): Promise<string | number>;
  renewLease(leaseKey: string, owner: string, leaseMs: number): Promise<number>;
  releaseLease(leaseKey: string, owner: string): Promise<number>;
}

export function defineInboundScripts(redis: Redis): Redis & InboundScripts {
  const r = redis as Redis & Partial<InboundScripts>;
  if (!r.submit) {
    redis.defineCommand("submit", { numberOfKeys: 2, lua: submit });
    redis.defineCommand("renewLease", { numberOfKeys: 1, lua: renew });
    redis.defineCommand("releaseLease", { numberOfKeys: 1, lua: release });
  }
  return redis as Redis & InboundScripts;
}
