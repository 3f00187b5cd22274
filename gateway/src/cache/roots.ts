/**
 * Root lookups the entity cache answers too: a subgraph query of one root field that the
 * departments' registry declares a LOOKUP (schema/src/departments.ts), i.e. one object by the
 * identifier the caller holds, such as identity's `person(id:)` that every person lookup starts
 * with. Listings, queues, feeds and aggregates are never cached: who is in them changes with rows
 * no event names.
 */
import { ENTRY_POINTS } from '@credit/schema';
import { Kind, parse } from 'graphql';

/** LOOKUPs whose answer turns on something no event or write tells, with the reason. */
const UNCACHED_LOOKUPS: Readonly<Record<string, string>> = {
  authorizationGrant: 'a grant stops being ACTIVE at its expiry instant; the gateway checks it afresh on every request',
};

export const CACHED_ROOT_LOOKUPS: ReadonlySet<string> = new Set(
  Object.entries(ENTRY_POINTS)
    .filter(([field, entry]) => entry.kind === 'LOOKUP' && !Object.hasOwn(UNCACHED_LOOKUPS, field))
    .map(([field]) => field),
);

export interface RootLookup {
  query: string;
  variables: Record<string, unknown>;
}

/** The query plans' texts are few: each is parsed once. */
const known = new Map<string, boolean>();
const KNOWN_LIMIT = 5_000;

function isLookupQuery(query: string): boolean {
  let verdict = known.get(query);
  if (verdict !== undefined) return verdict;
  verdict = false;
  try {
    const document = parse(query, { noLocation: true });
    const [operation] = document.definitions;
    if (document.definitions.length === 1 && operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'query') {
      const [root] = operation.selectionSet.selections;
      verdict = operation.selectionSet.selections.length === 1 && root?.kind === Kind.FIELD && CACHED_ROOT_LOOKUPS.has(root.name.value);
    }
  } catch {
    verdict = false;
  }
  if (known.size >= KNOWN_LIMIT) known.clear();
  known.set(query, verdict);
  return verdict;
}

export function parseRootLookup(body: string): RootLookup | undefined {
  if (!body.startsWith('{"query":"query')) return undefined;
  let parsed: { query?: unknown; variables?: unknown };
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed.query !== 'string' || !isLookupQuery(parsed.query)) return undefined;
  const variables = parsed.variables && typeof parsed.variables === 'object' ? (parsed.variables as Record<string, unknown>) : {};
  return { query: parsed.query, variables };
}
