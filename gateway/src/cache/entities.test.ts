import { describe, expect, it } from 'vitest';
import { cacheableEntities, mergeEntities, missesBody, parseEntitiesRequest } from './entities.js';

const QUERY = 'query View__records__1($representations:[_Any!]!,$first:Int){_entities(representations:$representations){...on Person{creditRecords(first:$first){id}}}}';
const reps = [
  { __typename: 'Person', id: 'a' },
  { __typename: 'Person', id: 'b' },
  { __typename: 'Person', id: 'c' },
  { __typename: 'Person', id: 'd' },
];
const body = JSON.stringify({ query: QUERY, operationName: 'View__records__1', variables: { representations: reps, first: 20 } });

describe('reading an entity fetch', () => {
  it('takes the representations apart from the other variables, which belong to the selection', () => {
    expect(parseEntitiesRequest(body)).toEqual({ query: QUERY, operationName: 'View__records__1', representations: reps, otherVariables: { first: 20 } });
  });

  it('leaves root queries, mutations and malformed bodies alone', () => {
    expect(parseEntitiesRequest(JSON.stringify({ query: 'query Q{person(id:"a"){id}}' }))).toBeUndefined();
    expect(parseEntitiesRequest(JSON.stringify({ query: 'mutation M($representations:[_Any!]!){_entities(representations:$representations){__typename}}', variables: { representations: [] } }))).toBeUndefined();
    expect(parseEntitiesRequest(JSON.stringify({ query: QUERY, variables: { representations: 'x' } }))).toBeUndefined();
    expect(parseEntitiesRequest('{not json')).toBeUndefined();
  });

  it('asks again for the misses only, in their order, with the other variables', () => {
    const request = parseEntitiesRequest(body)!;
    expect(JSON.parse(missesBody(request, [3, 1]))).toEqual({ query: QUERY, operationName: 'View__records__1', variables: { first: 20, representations: [reps[3], reps[1]] } });
  });
});

describe('what an answer leaves in the cache', () => {
  it('keeps each non-null entity without an error under it, with the persons it served', () => {
    const kept = cacheableEntities({
      data: { _entities: [{ n: 0 }, null, { n: 2 }, { n: 3 }] },
      errors: [{ message: 'x', path: ['_entities', 3, 'creditRecords'] }],
      extensions: { servedPersons: ['a', 'c'], servedPersonsByEntity: { 0: ['a'], 2: ['c'] } },
    });
    expect([...kept]).toEqual([
      [0, { value: { n: 0 }, persons: ['a'] }],
      [2, { value: { n: 2 }, persons: ['c'] }],
    ]);
  });

  it('keeps nothing after an error outside the entities, or persons it cannot tell apart', () => {
    expect(cacheableEntities({ data: { _entities: [{ n: 0 }] }, errors: [{ message: 'subgraph down' }] }).size).toBe(0);
    expect(cacheableEntities({ data: { _entities: [{ n: 0 }] }, extensions: { servedPersons: ['a'] } }).size).toBe(0);
    expect(cacheableEntities({ data: null }).size).toBe(0);
  });
});

describe('putting the answer back together', () => {
  it('places hits and fresh entities at their indexes, re-paths errors and reports every served person', () => {
    const hits = new Map([
      [0, { value: { n: 'cached a' }, persons: ['a'] }],
      [2, { value: { n: 'cached c' }, persons: ['c', 'x'] }],
    ]);
    const merged = mergeEntities(4, hits, [1, 3], {
      data: { _entities: [{ n: 'fresh b' }, null] },
      errors: [{ message: 'gone', path: ['_entities', 1, 'creditRecords', 0], extensions: { code: 'NOT_FOUND' } }, { message: 'other' }],
      extensions: { servedPersons: ['b'], servedPersonsByEntity: { 0: ['b'] }, cost: 3 },
    });
    expect(merged).toEqual({
      data: { _entities: [{ n: 'cached a' }, { n: 'fresh b' }, { n: 'cached c' }, null] },
      errors: [{ message: 'gone', path: ['_entities', 3, 'creditRecords', 0], extensions: { code: 'NOT_FOUND' } }, { message: 'other' }],
      extensions: { cost: 3, servedPersons: ['a', 'c', 'x', 'b'] },
    });
  });

  it('answers from the cache alone when every entity hit, and reports nobody when none served anyone', () => {
    expect(mergeEntities(1, new Map([[0, { value: { n: 1 }, persons: [] }]]), [], undefined)).toEqual({ data: { _entities: [{ n: 1 }] } });
  });

  it('keeps a subgraph answer with null data null when nothing came from the cache', () => {
    expect(mergeEntities(1, new Map(), [0], { data: null, errors: [{ message: 'down' }] })).toEqual({ data: null, errors: [{ message: 'down' }] });
  });
});
