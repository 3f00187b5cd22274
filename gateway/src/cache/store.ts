/**
 * Where entity answers are kept: this process's memory (a bounded LRU), or Redis shared by every
 * gateway replica (redis-store.ts). Both index each entry by its tags (the person and entity ids it
 * mentions), so an event drops exactly the entries about what changed.
 *
 * An answer fetched while an invalidation ran may predate the change: `set` keeps no entity tagged
 * with an id invalidated since the `get` whose `generation` it passes (in memory per id; on Redis
 * any invalidation counts).
 */
import type { CachedEntity } from './entities.js';

export interface StoredEntity {
  key: string;
  entry: CachedEntity;
  tags: readonly string[];
}

export interface EntityStore {
  get(keys: readonly string[]): Promise<{ entries: (CachedEntity | undefined)[]; generation: string }>;
  set(entities: readonly StoredEntity[], generation: string): Promise<void>;
  /** Drops every entry tagged with one of `tags`, or all entries; answers how many went. */
  invalidate(tags: readonly string[] | 'all'): Promise<number>;
  close(): Promise<void>;
}

export interface StoreObserver {
  evicted(n: number): void;
}

const MAX_RECENT = 100_000;

interface MemoryEntry {
  entry: CachedEntity;
  tags: readonly string[];
  expiresAt: number;
}

export function createMemoryStore(options: { maxEntries: number; ttlMs: number; observer?: StoreObserver; now?: () => number }): EntityStore {
  const now = options.now ?? Date.now;
  // Map order is recency: a hit moves its entry to the end, eviction takes from the front.
  const entries = new Map<string, MemoryEntry>();
  const byTag = new Map<string, Set<string>>();
  let generation = 0;
  /** When each recently invalidated id was; a fetch from before `floor` keeps nothing (after a full drop, or when this grew too large). */
  const recent = new Map<string, number>();
  let floor = 0;

  const remove = (key: string) => {
    const found = entries.get(key);
    if (!found) return false;
    entries.delete(key);
    for (const tag of found.tags) {
      const keys = byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(tag);
    }
    return true;
  };

  return {
    async get(keys) {
      const at = now();
      const found = keys.map((key) => {
        const hit = entries.get(key);
        if (!hit) return undefined;
        if (hit.expiresAt <= at) {
          remove(key);
          return undefined;
        }
        entries.delete(key);
        entries.set(key, hit);
        return hit.entry;
      });
      return { entries: found, generation: String(generation) };
    },
    async set(stored, seen) {
      const since = Number(seen);
      if (since < floor) return;
      const expiresAt = now() + options.ttlMs;
      for (const { key, entry, tags } of stored) {
        if (tags.some((tag) => (recent.get(tag) ?? -1) > since)) continue;
        remove(key);
        entries.set(key, { entry, tags, expiresAt });
        for (const tag of tags) {
          let keys = byTag.get(tag);
          if (!keys) byTag.set(tag, (keys = new Set()));
          keys.add(key);
        }
      }
      let evicted = 0;
      for (const key of entries.keys()) {
        if (entries.size <= options.maxEntries) break;
        remove(key);
        evicted++;
      }
      if (evicted) options.observer?.evicted(evicted);
    },
    async invalidate(tags) {
      generation++;
      if (tags === 'all' || recent.size + tags.length > MAX_RECENT) {
        floor = generation;
        recent.clear();
      }
      if (tags === 'all') {
        const n = entries.size;
        entries.clear();
        byTag.clear();
        return n;
      }
      let n = 0;
      for (const tag of tags) {
        if (floor !== generation) recent.set(tag, generation);
        for (const key of byTag.get(tag) ?? []) if (remove(key)) n++;
      }
      return n;
    },
    async close() {
      entries.clear();
      byTag.clear();
    },
  };
}
