/** The entity cache's settings (README, entity cache). */
export interface EntityCacheConfig {
  /** A safety net only: events and writes drop entries exactly; this bounds a missed notice. */
  ttlSeconds: number;
  /** In memory: entries kept, least recently used evicted first. On Redis, its own maxmemory policy. */
  maxEntries: number;
}

/** About 3.5 kB an entry in the benchmark (a person with 20 records is the largest): some 175 MB when full. */
export const DEFAULT_ENTITY_CACHE: EntityCacheConfig = { ttlSeconds: 300, maxEntries: 50_000 };

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}

/** `ENTITY_CACHE=off` disables it; `ENTITY_CACHE_TTL_SECONDS`, `ENTITY_CACHE_MAX_ENTRIES`. */
export function entityCacheConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EntityCacheConfig | false {
  const switched = env.ENTITY_CACHE?.trim().toLowerCase();
  if (switched === 'off' || switched === 'false' || switched === '0') return false;
  if (switched && switched !== 'on' && switched !== 'true' && switched !== '1') throw new Error(`ENTITY_CACHE must be on or off, not ${JSON.stringify(env.ENTITY_CACHE)}`);
  return {
    ttlSeconds: positive(env, 'ENTITY_CACHE_TTL_SECONDS', DEFAULT_ENTITY_CACHE.ttlSeconds),
    maxEntries: positive(env, 'ENTITY_CACHE_MAX_ENTRIES', DEFAULT_ENTITY_CACHE.maxEntries),
  };
}
