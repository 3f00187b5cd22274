import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { idAt, ownershipOf } from '@credit/schema';
import { classify } from '@credit/schema/lint';
import type { DocumentNode } from 'graphql';

/** The response extension a subgraph reports in; the gateway removes it before answering the client. */
export const SERVED_PERSONS_EXTENSION = 'servedPersons';

/**
 * Beside it, for an `_entities` fetch: the persons served per representation index (`{"3": [id]}`),
 * so the gateway's entity cache keeps with each entity exactly the persons its answer served.
 */
export const SERVED_BY_ENTITY_EXTENSION = 'servedPersonsByEntity';

type Path = { readonly prev: Path | undefined; readonly key: string | number };

/** The representation index of a field under `_entities`, else undefined. */
function entityIndex(path: Path): number | undefined {
  let node = path;
  while (node.prev?.prev) node = node.prev;
  return node.prev?.key === '_entities' && typeof node.key === 'number' ? node.key : undefined;
}

/**
 * For types the ownership table (schema/src/ownership.ts) does not declare, such as a test's own
 * types: the person's id read from the resolved object (the resolver's parent), or null when the
 * object does not say. A type the table declares is always read as the table says.
 */
export type PersonOf = Record<string, (source: never) => string | null | undefined>;

type Reporter = (source: unknown) => string | null | undefined;

function reporterFor(type: string, personOf: PersonOf): Reporter | undefined {
  const ownership = ownershipOf(type);
  if (ownership) return (source) => idAt(source, ownership.source);
  return personOf[type] as Reporter | undefined;
}

/**
 * Type → field → reporter, for the PERSONAL and SENSITIVE fields of every owned type the subgraph
 * declares: whatever a subgraph serves of an owned type reaches the query log, without a list of
 * its own to forget a type in.
 */
export function personalFieldReporters(typeDefs: DocumentNode, personOf: PersonOf = {}): Map<string, Map<string, Reporter>> {
  const reporters = new Map<string, Map<string, Reporter>>();
  for (const [coordinate, { level }] of classify(typeDefs).classified) {
    if (level !== 'PERSONAL' && level !== 'SENSITIVE') continue;
    const [type = '', field = ''] = coordinate.split('.');
    const reporter = reporterFor(type, personOf);
    if (!reporter) continue;
    let fields = reporters.get(type);
    if (!fields) reporters.set(type, (fields = new Map()));
    fields.set(field, reporter);
  }
  return reporters;
}

/**
 * Collects the ids of the persons whose PERSONAL or SENSITIVE fields a request resolved and answers
 * them in `extensions.servedPersons`, for the gateway's query log. A field counts when its resolver
 * runs (a null or failed value still tells something about the person); PUBLIC fields such as the
 * entity key do not, so a key-only entity fetch reports nobody.
 */
export function servedPersonsPlugin<Ctx extends BaseContext>(reporters: ReadonlyMap<string, ReadonlyMap<string, Reporter>>): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      const served = new Set<string>();
      const byEntity = new Map<number, Set<string>>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, info }) {
              const reporter = reporters.get(info.parentType.name)?.get(info.fieldName);
              if (!reporter) return;
              const id = reporter(source);
              if (!id) return;
              served.add(id);
              const index = entityIndex(info.path);
              if (index === undefined) return;
              let persons = byEntity.get(index);
              if (!persons) byEntity.set(index, (persons = new Set()));
              persons.add(id);
            },
          };
        },
        async willSendResponse({ response }) {
          if (served.size === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [SERVED_PERSONS_EXTENSION]: [...served] };
          if (byEntity.size) {
            result.extensions[SERVED_BY_ENTITY_EXTENSION] = Object.fromEntries([...byEntity].map(([index, persons]) => [index, [...persons]]));
          }
        },
      };
    },
  };
}
