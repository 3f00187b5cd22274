/**
 * The pure part of the entity cache: reading an `_entities` fetch, splitting it into cached and
 * missing representations, and putting the answer back together in the gateway's order.
 */
import { SERVED_BY_ENTITY_EXTENSION, SERVED_PERSONS_EXTENSION } from '@credit/kit/infra/served-persons';

/** What the cache keeps of one entity: its answer and the persons that answer served. */
export interface CachedEntity {
  value: unknown;
  persons: readonly string[];
}

export interface EntitiesRequest {
  query: string;
  operationName?: string;
  representations: unknown[];
  /** The request's variables other than the representations: part of the selection. */
  otherVariables: Record<string, unknown>;
}

interface ResponseError {
  message?: unknown;
  path?: unknown;
  [key: string]: unknown;
}

export interface SubgraphResponse {
  data?: { _entities?: unknown[] | null; [key: string]: unknown } | null;
  errors?: ResponseError[];
  extensions?: Record<string, unknown>;
}

/** The shape @apollo/gateway gives an entity fetch's query: one `_entities` selection over `$representations`. */
const ENTITIES_QUERY = /^query\b[^{(]*\(\s*\$representations\s*:\s*\[\s*_Any\s*!\s*\]\s*![^{]*\{\s*_entities\s*\(\s*representations\s*:\s*\$representations\s*\)/;

export function parseEntitiesRequest(body: string): EntitiesRequest | undefined {
  let parsed: { query?: unknown; operationName?: unknown; variables?: { representations?: unknown; [key: string]: unknown } };
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed.query !== 'string' || !ENTITIES_QUERY.test(parsed.query)) return undefined;
  const { representations, ...otherVariables } = parsed.variables ?? {};
  if (!Array.isArray(representations)) return undefined;
  return {
    query: parsed.query,
    ...(typeof parsed.operationName === 'string' ? { operationName: parsed.operationName } : {}),
    representations,
    otherVariables,
  };
}

/** The same request for the missing representations only. */
export function missesBody(request: EntitiesRequest, misses: readonly number[]): string {
  return JSON.stringify({
    query: request.query,
    ...(request.operationName ? { operationName: request.operationName } : {}),
    variables: { ...request.otherVariables, representations: misses.map((i) => request.representations[i]) },
  });
}

const entityIndexOf = (error: ResponseError): number | undefined =>
  Array.isArray(error.path) && error.path[0] === '_entities' && typeof error.path[1] === 'number' ? error.path[1] : undefined;

/**
 * The entities of a subgraph answer worth keeping, by their index in it: a non-null answer with no
 * error under it. An answer with an error outside `_entities` (a failed fetch, a malformed request)
 * keeps nothing, and neither does one without the per-entity report of served persons when it
 * reported any (the persons could not be told apart).
 */
export function cacheableEntities(response: SubgraphResponse): Map<number, CachedEntity> {
  const kept = new Map<number, CachedEntity>();
  const entities = response.data?._entities;
  if (!Array.isArray(entities)) return kept;
  const failed = new Set<number>();
  for (const error of response.errors ?? []) {
    const index = entityIndexOf(error);
    if (index === undefined) return kept;
    failed.add(index);
  }
  const served = response.extensions?.[SERVED_PERSONS_EXTENSION];
  const byEntity = (response.extensions?.[SERVED_BY_ENTITY_EXTENSION] ?? {}) as Record<string, unknown>;
  if (Array.isArray(served) && served.length && !response.extensions?.[SERVED_BY_ENTITY_EXTENSION]) return kept;
  entities.forEach((value, index) => {
    if (value === null || value === undefined || failed.has(index)) return;
    const persons = byEntity[index];
    kept.set(index, { value, persons: Array.isArray(persons) ? persons.filter((p): p is string => typeof p === 'string') : [] });
  });
  return kept;
}

/**
 * The answer to the whole request: cached entities at their indexes, the fresh answer's entities
 * at the indexes of the misses (`misses[j]` is the index of its `j`th), its errors re-pathed the
 * same way, and the served persons of both in the extension the query log reads.
 */
export function mergeEntities(total: number, hits: ReadonlyMap<number, CachedEntity>, misses: readonly number[], fresh: SubgraphResponse | undefined): SubgraphResponse {
  const entities: unknown[] = new Array(total).fill(null);
  const persons = new Set<string>();
  for (const [index, entry] of hits) {
    entities[index] = entry.value;
    for (const id of entry.persons) persons.add(id);
  }
  const freshEntities = fresh?.data?._entities;
  misses.forEach((index, j) => {
    entities[index] = Array.isArray(freshEntities) ? (freshEntities[j] ?? null) : null;
  });
  const served = fresh?.extensions?.[SERVED_PERSONS_EXTENSION];
  if (Array.isArray(served)) for (const id of served) if (typeof id === 'string') persons.add(id);
  const errors = (fresh?.errors ?? []).map((error) => {
    const j = entityIndexOf(error);
    if (j === undefined || misses[j] === undefined) return error;
    return { ...error, path: ['_entities', misses[j], ...(error.path as unknown[]).slice(2)] };
  });
  const { [SERVED_PERSONS_EXTENSION]: _served, [SERVED_BY_ENTITY_EXTENSION]: _byEntity, ...otherExtensions } = fresh?.extensions ?? {};
  const extensions = { ...otherExtensions, ...(persons.size ? { [SERVED_PERSONS_EXTENSION]: [...persons] } : {}) };
  const freshData = misses.length && fresh ? fresh.data : undefined;
  return {
    data: freshData === null && !hits.size ? null : { _entities: entities },
    ...(errors.length ? { errors } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  };
}
