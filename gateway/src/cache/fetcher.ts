/**
 * The entity cache as a subgraph fetcher layer (README, entity cache). An `_entities` fetch is
 * split: representations whose answer is cached are answered from it, only the misses go to the
 * subgraph (through deduplication and signing, which sit below), and the answer is put back
 * together in the gateway's order. The persons each cached entity served go back into the served-
 * persons extension, so the query log records a read from the cache exactly as a fresh one; the
 * privacy engine runs on the merged answer after the fetch, as on any other.
 *
 * Key: subgraph URL, the caller as sent (every header but the per-request ones), the business
 * date (statuses such as EXPIRED are derived from it), the query text and its other variables,
 * and the representation. Tags: every id the representation and the answer mention, and the
 * persons the answer served; an event or a write drops the entries tagged with its ids. A root
 * LOOKUP (roots.ts) is one entry, keyed by its variables instead of a representation.
 */
import { createHash } from 'node:crypto';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { currentRequest, loggableError, logger } from '@credit/kit';
import { response } from '../http-fetcher.js';
import { SERVED_PERSONS_EXTENSION } from '@credit/kit/infra/served-persons';
import { cacheableEntities, mergeEntities, missesBody, parseEntitiesRequest, type CachedEntity, type SubgraphResponse } from './entities.js';
import { parseRootLookup, type RootLookup } from './roots.js';
import type { EntityStore, StoredEntity } from './store.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** Headers that differ on every request and say nothing about whose answer it is. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'traceparent', 'tracestate', 'baggage', 'x-credit-signature', 'content-length']);

const json = (url: string, body: unknown) => response(url, 200, 'OK', new Headers({ 'content-type': 'application/json' }), Buffer.from(JSON.stringify(body)));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every id (uuid) in a text: what an entry is about, or what an event or a write changed. */
export function idsIn(text: string): string[] {
  return [...new Set(text.toLowerCase().match(UUID) ?? [])];
}

export interface CacheObserver {
  hits(subgraph: string, n: number): void;
  misses(subgraph: string, n: number): void;
}

export interface EntityCache {
  fetcher(base: Fetcher): Fetcher;
  /** Drops the entries tagged with any of these ids (a write, an event); 'all' when unsure what changed. */
  invalidate(ids: Iterable<string> | 'all'): Promise<void>;
  close(): Promise<void>;
}

export function createEntityCache(options: {
  store: EntityStore;
  /** Subgraph name by its /graphql URL, for the metrics. */
  subgraphs: ReadonlyMap<string, string>;
  today: () => string;
  observer?: CacheObserver;
  /** Told how many entries each invalidation dropped. */
  invalidated?: (n: number) => void;
}): EntityCache {
  const { store } = options;
  /** After an invalidation failed (the store unreachable), nothing is read from the cache until everything was dropped. */
  let mustClear = false;

  const clearIfOwed = async () => {
    if (!mustClear) return true;
    try {
      await store.invalidate('all');
      mustClear = false;
      return true;
    } catch {
      return false;
    }
  };

  const invalidate = async (ids: Iterable<string> | 'all') => {
    const tags = ids === 'all' ? 'all' : [...new Set(ids)];
    if (tags !== 'all' && tags.length === 0) return;
    try {
      options.invalidated?.(await store.invalidate(tags));
    } catch (error) {
      mustClear = true;
      logger.error(loggableError(error), 'entity cache invalidation failed; the cache is bypassed until it is cleared');
    }
  };

  const fetcher = (base: Fetcher): Fetcher => async (url, init = {}) => {
    const body = init.body;
    // A mutation's own entity fetches read what it just wrote: never from the cache (the write's
    // invalidation runs once the whole operation has answered).
    if (init.method !== 'POST' || typeof body !== 'string' || currentRequest()?.operationType === 'mutation') return base(url, init);
    const request = parseEntitiesRequest(body);
    const lookup = request ? undefined : parseRootLookup(body);
    if ((!request || request.representations.length === 0) && !lookup) return base(url, init);
    if (!(await clearIfOwed())) return base(url, init);
    const subgraph = options.subgraphs.get(url) ?? 'other';
    const caller = Object.entries(init.headers ?? {})
      .map(([name, value]) => [name.toLowerCase(), value] as const)
      .filter(([name]) => !PER_REQUEST_HEADERS.has(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const scope = createHash('sha256')
      .update(JSON.stringify([url, caller, options.today(), request?.query ?? lookup!.query, request?.otherVariables ?? lookup!.variables]))
      .digest('base64url');
    if (!request) return rootLookup(base, url, init, lookup!, scope, subgraph);
    const keys = request.representations.map((representation) =>
      createHash('sha256').update(scope).update(JSON.stringify(representation)).digest('base64url'),
    );
    let found: Awaited<ReturnType<EntityStore['get']>>;
    try {
      found = await store.get(keys);
    } catch (error) {
      logger.warn(loggableError(error), 'entity cache unreadable; fetching from the subgraph');
      return base(url, init);
    }
    const hits = new Map<number, CachedEntity>();
    const misses: number[] = [];
    found.entries.forEach((entry, index) => (entry ? hits.set(index, entry) : misses.push(index)));
    options.observer?.hits(subgraph, hits.size);
    options.observer?.misses(subgraph, misses.length);
    let fresh: SubgraphResponse | undefined;
    if (misses.length) {
      const answer = await base(url, hits.size ? { ...init, body: missesBody(request, misses) } : init);
      // A failed fetch is the gateway's to report as it would without the cache.
      if (!answer.ok) return answer;
      fresh = (await answer.json()) as SubgraphResponse;
      const stored: StoredEntity[] = [];
      for (const [j, entry] of cacheableEntities(fresh)) {
        const index = misses[j]!;
        const tags = new Set([...idsIn(JSON.stringify(request.representations[index])), ...idsIn(JSON.stringify(entry.value)), ...entry.persons]);
        stored.push({ key: keys[index]!, entry, tags: [...tags] });
      }
      await store.set(stored, found.generation).catch((error: unknown) => logger.warn(loggableError(error), 'entity cache not written'));
    }
    const merged = mergeEntities(request.representations.length, hits, misses, fresh);
    return json(url, merged);
  };

  /** One root LOOKUP: the whole answer is the entry, kept only when it has no error and no null. */
  const rootLookup = async (base: Fetcher, url: string, init: Parameters<Fetcher>[1], lookup: RootLookup, key: string, subgraph: string) => {
    let found: Awaited<ReturnType<EntityStore['get']>>;
    try {
      found = await store.get([key]);
    } catch (error) {
      logger.warn(loggableError(error), 'entity cache unreadable; fetching from the subgraph');
      return base(url, init);
    }
    const [hit] = found.entries;
    if (hit) {
      options.observer?.hits(subgraph, 1);
      return json(url, { data: hit.value, ...(hit.persons.length ? { extensions: { [SERVED_PERSONS_EXTENSION]: hit.persons } } : {}) });
    }
    options.observer?.misses(subgraph, 1);
    const answer = await base(url, init);
    if (!answer.ok) return answer;
    const text = await answer.text();
    const fresh = JSON.parse(text) as SubgraphResponse;
    const data = fresh.data;
    if (!fresh.errors?.length && data && Object.values(data).every((value) => value !== null && value !== undefined)) {
      const served = fresh.extensions?.[SERVED_PERSONS_EXTENSION];
      const persons = Array.isArray(served) ? served.filter((id): id is string => typeof id === 'string') : [];
      const tags = new Set([...idsIn(JSON.stringify(lookup.variables)), ...idsIn(JSON.stringify(data)), ...persons]);
      await store.set([{ key, entry: { value: data, persons }, tags: [...tags] }], found.generation).catch((error: unknown) => logger.warn(loggableError(error), 'entity cache not written'));
    }
    return response(url, answer.status, answer.statusText, new Headers({ 'content-type': 'application/json' }), Buffer.from(text));
  };

  return { fetcher, invalidate, close: () => store.close() };
}
