/**
 * The entity cache on Redis (REDIS_URL): one cache for every gateway replica, so a write through
 * any of them, or an event told to any of them, drops the entries for all. Each operation is one
 * Lua script, atomic on the server: a `set` after an invalidation it did not see keeps nothing.
 *
 * Keys under the shared prefix: `ec:gen` counts invalidations, `ec:epoch` moves on when everything
 * is dropped (old entries are then unreachable and expire), `ec:e:<epoch>:<key>` an entry,
 * `ec:t:<epoch>:<tag>` the keys of the entries tagged with it. Eviction is Redis's own policy.
 */
import type { SharedRedis } from '@credit/kit';
import type { CachedEntity } from './entities.js';
import type { EntityStore } from './store.js';

const GET = `
local gen = redis.call('GET', KEYS[1]) or '0'
local epoch = redis.call('GET', KEYS[2]) or '0'
local out = { gen, epoch }
for i = 1, #ARGV do
  out[#out + 1] = redis.call('GET', KEYS[3] .. 'e:' .. epoch .. ':' .. ARGV[i]) or ''
end
return out`;

const SET = `
local gen = redis.call('GET', KEYS[1]) or '0'
if gen ~= ARGV[1] then return 0 end
local epoch, ttl = ARGV[2], tonumber(ARGV[3])
local i = 4
while i <= #ARGV do
  local key = KEYS[2] .. 'e:' .. epoch .. ':' .. ARGV[i]
  redis.call('SET', key, ARGV[i + 1], 'PX', ttl)
  local n = tonumber(ARGV[i + 2])
  for t = 1, n do
    local tagKey = KEYS[2] .. 't:' .. epoch .. ':' .. ARGV[i + 2 + t]
    redis.call('SADD', tagKey, key)
    redis.call('PEXPIRE', tagKey, ttl)
  end
  i = i + 3 + n
end
return 1`;

const INVALIDATE = `
redis.call('INCR', KEYS[1])
if ARGV[1] == '*' then
  redis.call('INCR', KEYS[2])
  return -1
end
local epoch = redis.call('GET', KEYS[2]) or '0'
local dropped = 0
for i = 1, #ARGV do
  local tagKey = KEYS[3] .. 't:' .. epoch .. ':' .. ARGV[i]
  local members = redis.call('SMEMBERS', tagKey)
  for j = 1, #members, 500 do
    dropped = dropped + redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', tagKey)
end
return dropped`;

export function createRedisStore(redis: SharedRedis, options: { ttlMs: number }): EntityStore {
  const base = `${redis.prefix}ec:`;
  const gen = `${base}gen`;
  const epoch = `${base}epoch`;
  const { client } = redis;
  return {
    async get(keys) {
      const [generation, currentEpoch, ...values] = (await client.eval(GET, 3, gen, epoch, base, ...keys)) as string[];
      return {
        entries: values.map((value) => (value ? (JSON.parse(value) as CachedEntity) : undefined)),
        generation: `${generation}:${currentEpoch}`,
      };
    },
    async set(stored, generation) {
      if (stored.length === 0) return;
      const [seen = '0', currentEpoch = '0'] = generation.split(':');
      const args: (string | number)[] = [seen, currentEpoch, options.ttlMs];
      for (const { key, entry, tags } of stored) args.push(key, JSON.stringify(entry), tags.length, ...tags);
      await client.eval(SET, 2, gen, base, ...args);
    },
    async invalidate(tags) {
      if (tags !== 'all' && tags.length === 0) return 0;
      const dropped = (await client.eval(INVALIDATE, 3, gen, epoch, base, ...(tags === 'all' ? ['*'] : tags))) as number;
      return Math.max(0, dropped);
    },
    async close() {},
  };
}
