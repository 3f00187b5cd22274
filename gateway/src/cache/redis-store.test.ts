/**
 * The entity cache on this machine's Redis: two gateways (two stores on one prefix) see each
 * other's entries and invalidations, exactly by tag, and an answer fetched across an invalidation
 * on the other gateway is not kept.
 */
import { freshRedis } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from './redis-store.js';

let redis: Awaited<ReturnType<typeof freshRedis>>;
beforeAll(async () => {
  redis = await freshRedis();
});
afterAll(() => redis?.drop());

const entry = (n: number, persons: string[] = []) => ({ value: { n }, persons });

describe('the entity cache on Redis', () => {
  it('shares entries and drops exactly the tagged ones for every gateway', async () => {
    const one = createRedisStore(redis, { ttlMs: 60_000 });
    const two = createRedisStore(redis, { ttlMs: 60_000 });
    await one.set(
      [
        { key: 'a', entry: entry(1, ['p1']), tags: ['p1', 'r1'] },
        { key: 'b', entry: entry(2), tags: ['p2'] },
      ],
      (await one.get([])).generation,
    );
    expect((await two.get(['a', 'b', 'c'])).entries).toEqual([entry(1, ['p1']), entry(2), undefined]);
    expect(await two.invalidate(['r1'])).toBe(1);
    expect((await one.get(['a', 'b'])).entries).toEqual([undefined, entry(2)]);
    await two.invalidate('all');
    expect((await one.get(['b'])).entries).toEqual([undefined]);
  });

  it('keeps nothing fetched before another gateway invalidated', async () => {
    const one = createRedisStore(redis, { ttlMs: 60_000 });
    const two = createRedisStore(redis, { ttlMs: 60_000 });
    const { generation } = await one.get(['x']);
    await two.invalidate(['p9']);
    await one.set([{ key: 'x', entry: entry(1), tags: ['p9'] }], generation);
    expect((await two.get(['x'])).entries).toEqual([undefined]);
  });

  it('lets an entry expire at its TTL', async () => {
    const store = createRedisStore(redis, { ttlMs: 50 });
    await store.set([{ key: 'short', entry: entry(1), tags: ['p1'] }], (await store.get([])).generation);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await store.get(['short'])).entries).toEqual([undefined]);
  });
});
