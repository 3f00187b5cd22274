import { federationHeader, privacyDirectiveSdl } from '@credit/schema';
import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SERVED_BY_ENTITY_EXTENSION, SERVED_PERSONS_EXTENSION } from './served-persons.js';
import { createApollo } from './subgraph.js';

const typeDefs = parse(`${federationHeader}${privacyDirectiveSdl}
type Query {
  person(id: ID!): Person @privacy(level: PERSONAL)
  record(id: ID!): CreditRecord @privacy(level: PERSONAL)
  catalog: [Entry!] @privacy(level: PUBLIC)
}
type Person @key(fields: "id") {
  id: ID! @privacy(level: PUBLIC)
  region: String @privacy(level: PUBLIC)
  name: String @privacy(level: PERSONAL)
  idNumber: String @privacy(level: SENSITIVE)
  records: [CreditRecord!] @privacy(level: PERSONAL)
}
type CreditRecord @key(fields: "id") @privacy(level: PERSONAL) {
  id: ID! @privacy(level: PUBLIC)
  summary: String
}
type Entry @privacy(level: PUBLIC) {
  code: String
}
`);

interface PersonRow {
  id: string;
}
interface RecordRow {
  id: string;
  subjectId: string;
}
const persons = new Set(['p-a', 'p-b']);
const records: RecordRow[] = [
  { id: 'r-1', subjectId: 'p-a' },
  { id: 'r-2', subjectId: 'p-a' },
  { id: 'r-3', subjectId: 'p-c' },
];

const resolvers = {
  Query: {
    person: (_: unknown, { id }: { id: string }) => (persons.has(id) ? { id } : null),
    record: (_: unknown, { id }: { id: string }) => records.find((r) => r.id === id) ?? null,
    catalog: () => [{ code: 'A' }],
  },
  Person: {
    __resolveReference: (ref: PersonRow) => (persons.has(ref.id) ? ref : null),
    region: () => '110105',
    name: (p: PersonRow) => `name of ${p.id}`,
    idNumber: () => {
      throw new GraphQLError('unavailable', { extensions: { code: 'TEST_FAILURE' } });
    },
    records: (p: PersonRow) => records.filter((r) => r.subjectId === p.id),
  },
  CreditRecord: {
    __resolveReference: (ref: { id: string }) => records.find((r) => r.id === ref.id) ?? null,
    summary: (r: RecordRow) => `summary of ${r.id}`,
  },
};

// No reporters given: Person and CreditRecord are owned types of schema/src/ownership.ts.
const apollo = createApollo(typeDefs, resolvers as never);

async function served(query: string, variables?: Record<string, unknown>) {
  const response = await apollo.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('single result expected');
  expect((response.body.singleResult.errors ?? []).filter((e) => e.extensions?.code !== 'TEST_FAILURE')).toEqual([]);
  const ids = response.body.singleResult.extensions?.[SERVED_PERSONS_EXTENSION] as string[] | undefined;
  return ids ? [...ids].sort() : undefined;
}

describe('servedPersons plugin', () => {
  it('reports nobody when only PUBLIC fields were resolved', async () => {
    expect(await served(`{ person(id: "p-a") { id region } catalog { code } }`)).toBeUndefined();
    expect(await served(`{ record(id: "r-1") { id } }`)).toBeUndefined();
  });

  it('reports the person whose PERSONAL field was resolved, once, across aliases', async () => {
    expect(await served(`{ x: person(id: "p-a") { name } y: person(id: "p-a") { n: name } }`)).toEqual(['p-a']);
  });

  it('reports owners of nested person-owned objects, and a field whose resolver failed', async () => {
    expect(await served(`{ person(id: "p-b") { idNumber } record(id: "r-3") { summary } }`)).toEqual(['p-b', 'p-c']);
    expect(await served(`{ person(id: "p-a") { records { summary } } }`)).toEqual(['p-a']);
  });

  it('reports nobody for a person that does not exist', async () => {
    expect(await served(`{ person(id: "p-z") { name } }`)).toBeUndefined();
  });

  it('reports entities fetched by the gateway through _entities', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } ... on CreditRecord { summary } } }`;
    const representations = [
      { __typename: 'Person', id: 'p-b' },
      { __typename: 'CreditRecord', id: 'r-3' },
      { __typename: 'Person', id: 'p-z' },
    ];
    expect(await served(query, { r: representations })).toEqual(['p-b', 'p-c']);
  });

  it('reports the persons of each _entities representation by its index, for the entity cache', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name records { summary } } ... on CreditRecord { summary } } }`;
    const representations = [
      { __typename: 'CreditRecord', id: 'r-3' },
      { __typename: 'Person', id: 'p-z' },
      { __typename: 'Person', id: 'p-a' },
    ];
    const response = await apollo.executeOperation({ query, variables: { r: representations } });
    const extensions = response.body.kind === 'single' ? response.body.singleResult.extensions : undefined;
    expect(extensions?.[SERVED_BY_ENTITY_EXTENSION]).toEqual({ 0: ['p-c'], 2: ['p-a'] });
    const root = await apollo.executeOperation({ query: `{ person(id: "p-a") { name } }` });
    expect(root.body.kind === 'single' && root.body.singleResult.extensions?.[SERVED_BY_ENTITY_EXTENSION]).toBeUndefined();
  });

  it('keeps each request to its own persons when requests interleave', async () => {
    const results = await Promise.all([
      served(`{ person(id: "p-a") { name } }`),
      served(`{ person(id: "p-b") { name } }`),
      served(`{ record(id: "r-3") { summary } }`),
    ]);
    expect(results).toEqual([['p-a'], ['p-b'], ['p-c']]);
  });

  it('adds no plugin when a subgraph declares no person-owned type', async () => {
    const plain = createApollo(
      parse(`${federationHeader}${privacyDirectiveSdl}
type Query { widget: Widget @privacy(level: PERSONAL) }
type Widget @privacy(level: PERSONAL) { name: String }
`),
      { Query: { widget: () => ({ name: 'w' }) } } as never,
    );
    const response = await plain.executeOperation({ query: `{ widget { name } }` });
    expect(response.body.kind === 'single' && response.body.singleResult.extensions).toBeFalsy();
  });

  it('takes reporters for types the ownership table does not declare, never for those it does', async () => {
    const withExtras = createApollo(
      parse(`${federationHeader}${privacyDirectiveSdl}
type Query { widget: Widget @privacy(level: PERSONAL) person: Person @privacy(level: PERSONAL) }
type Widget @privacy(level: PERSONAL) { name: String }
type Person @key(fields: "id") { id: ID! @privacy(level: PUBLIC) name: String @privacy(level: PERSONAL) }
`),
      { Query: { widget: () => ({ ownerId: 'p-w', name: 'w' }), person: () => ({ id: 'p-a', name: 'a' }) } } as never,
      { Widget: (w: { ownerId: string }) => w.ownerId, Person: () => 'not-the-table' },
    );
    const response = await withExtras.executeOperation({ query: `{ widget { name } person { name } }` });
    expect(response.body.kind === 'single' && response.body.singleResult.extensions?.[SERVED_PERSONS_EXTENSION]).toEqual(['p-w', 'p-a']);
  });
});
