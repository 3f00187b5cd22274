import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './store.js';

const entry = (n: number) => ({ value: { n }, persons: [] });

describe('the in-memory entity store', () => {
  it('evicts the least recently used entry beyond its bound, and counts it', async () => {
    let evicted = 0;
    const store = createMemoryStore({ maxEntries: 2, ttlMs: 60_000, observer: { evicted: (n) => (evicted += n) } });
    const { generation } = await store.get([]);
    await store.set([{ key: 'a', entry: entry(1), tags: [] }, { key: 'b', entry: entry(2), tags: [] }], generation);
    await store.get(['a']);
    await store.set([{ key: 'c', entry: entry(3), tags: [] }], generation);
    expect((await store.get(['a', 'b', 'c'])).entries).toEqual([entry(1), undefined, entry(3)]);
    expect(evicted).toBe(1);
  });

  it('drops exactly the entries tagged with an invalidated id', async () => {
    const store = createMemoryStore({ maxEntries: 10, ttlMs: 60_000 });
    const { generation } = await store.get([]);
    await store.set(
      [
        { key: 'a', entry: entry(1), tags: ['p1', 'r1'] },
        { key: 'b', entry: entry(2), tags: ['p2'] },
        { key: 'c', entry: entry(3), tags: ['r1'] },
      ],
      generation,
    );
    expect(await store.invalidate(['r1', 'nobody'])).toBe(2);
    expect((await store.get(['a', 'b', 'c'])).entries).toEqual([undefined, entry(2), undefined]);
    expect(await store.invalidate('all')).toBe(1);
  });

  it('keeps nothing fetched before an invalidation it did not see', async () => {
    const store = createMemoryStore({ maxEntries: 10, ttlMs: 60_000 });
    const { generation } = await store.get(['a']);
    await store.invalidate(['p1']);
    await store.set([{ key: 'a', entry: entry(1), tags: ['p1'] }], generation);
    expect((await store.get(['a'])).entries).toEqual([undefined]);
  });

  it('keeps what an invalidation of other ids during the fetch did not concern', async () => {
    const store = createMemoryStore({ maxEntries: 10, ttlMs: 60_000 });
    const { generation } = await store.get(['a', 'b']);
    await store.invalidate(['p2']);
    await store.set([{ key: 'a', entry: entry(1), tags: ['p1'] }, { key: 'b', entry: entry(2), tags: ['p2', 'r2'] }], generation);
    expect((await store.get(['a', 'b'])).entries).toEqual([entry(1), undefined]);
    await store.invalidate('all');
    await store.set([{ key: 'a', entry: entry(1), tags: ['p1'] }], generation);
    expect((await store.get(['a'])).entries).toEqual([undefined]);
  });

  it('forgets an entry at its TTL', async () => {
    let now = 0;
    const store = createMemoryStore({ maxEntries: 10, ttlMs: 1_000, now: () => now });
    await store.set([{ key: 'a', entry: entry(1), tags: ['p1'] }], (await store.get([])).generation);
    now = 999;
    expect((await store.get(['a'])).entries).toEqual([entry(1)]);
    now = 1_000;
    expect((await store.get(['a'])).entries).toEqual([undefined]);
  });
});
