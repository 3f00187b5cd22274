/**
 * Incentives reports to the query log whose red list entries, measures and Person fields it
 * served: the kit derives that from the ownership table (schema/src/ownership.ts), so this checks
 * that the parents incentives' resolvers get carry what the table reads (the Person representation
 * `{ id }`, red list rows and computed answers: subjectId).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redListEntries } from './db/schema.js';
import { ok, servedPersons, startTestIncentives, TODAY, type TestIncentives } from './server.testing.js';

let t: TestIncentives;
const [a, b] = [randomUUID(), randomUUID()];
const entryOfA = randomUUID();

beforeAll(async () => {
  t = await startTestIncentives();
  await t.incentives.database.db
    .insert(redListEntries)
    .values({ id: entryOfA, subjectId: a, nominatingDepartment: '县文明办', reason: '优秀志愿者', nominatedOn: TODAY, endsOn: '2027-11-21' });
});
afterAll(async () => {
  await t?.close();
});

const served = async (query: string, variables?: Record<string, unknown>) => {
  const result = await t.incentives.execute(query, variables);
  ok(result);
  const ids = servedPersons(result);
  return ids ? [...ids].sort() : undefined;
};

describe('served persons (incentives)', () => {
  it('reports the subject of a red list entry fetched by the gateway through _entities', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on RedListEntry { reason live } } }`;
    expect(await served(query, { r: [{ __typename: 'RedListEntry', id: entryOfA }] })).toEqual([a]);
  });

  it('reports nobody for an entry’s PUBLIC key alone', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on RedListEntry { id } } }`;
    expect(await served(query, { r: [{ __typename: 'RedListEntry', id: entryOfA }] })).toBeUndefined();
  });

  it('reports every person whose Person fields were read, from their representations', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { onRedList redListEntries { id } } } }`;
    const r = [a, b].map((id) => ({ __typename: 'Person', id }));
    expect(await served(query, { r })).toEqual([a, b].sort());
  });

  it('reports the person a measure check is about', async () => {
    const query = `query($p: ID!) { measureCheck(personId: $p, measure: "FAST_TRACK") { applies } }`;
    expect(await served(query, { p: b })).toEqual([b]);
  });
});
