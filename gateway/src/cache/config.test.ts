import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTITY_CACHE, entityCacheConfigFromEnv } from './config.js';

describe('the entity cache settings', () => {
  it('is on by default, off with ENTITY_CACHE=off, and takes its TTL and bound', () => {
    expect(entityCacheConfigFromEnv({})).toEqual(DEFAULT_ENTITY_CACHE);
    expect(entityCacheConfigFromEnv({ ENTITY_CACHE: 'off' })).toBe(false);
    expect(entityCacheConfigFromEnv({ ENTITY_CACHE: 'on', ENTITY_CACHE_TTL_SECONDS: '60', ENTITY_CACHE_MAX_ENTRIES: '1000' })).toEqual({ ttlSeconds: 60, maxEntries: 1000 });
  });

  it('refuses a value it cannot read, naming the variable', () => {
    expect(() => entityCacheConfigFromEnv({ ENTITY_CACHE: 'maybe' })).toThrow(/ENTITY_CACHE must be on or off/);
    expect(() => entityCacheConfigFromEnv({ ENTITY_CACHE_TTL_SECONDS: '0' })).toThrow(/ENTITY_CACHE_TTL_SECONDS must be a positive whole number/);
    expect(() => entityCacheConfigFromEnv({ ENTITY_CACHE_MAX_ENTRIES: '1e3x' })).toThrow(/ENTITY_CACHE_MAX_ENTRIES/);
  });
});
