import { ManualClock, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentity } from './server.js';
import { REGISTRAR } from './callers.testing.js';

let identity: RunningSubgraph;
let drop: () => Promise<void>;
const ids: Record<string, string> = {};

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const DISCLOSED = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DisclosedPerson { id maskedName maskedCitizenIdNumber } } }`;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  // No relay: identity's events for records stay in its outbox, and its statements are the requests' own.
  identity = await startIdentity({ location: db.location, seedDemo: false, relay: false, destinations: () => ({}), clock: new ManualClock(new Date('2026-11-21T10:00:00+08:00')) });
  for (const [name, citizenIdNumber] of [
    ['欧阳娜娜', '11010519491231002X'],
    ['张三', '440524188001010014'],
  ] as const) {
    const result = await identity.execute(REGISTER, { input: { name, citizenIdNumber } }, REGISTRAR);
    expect(result.errors).toBeUndefined();
    ids[name] = (result.data?.registerPerson as { id: string }).id;
  }
});
afterAll(async () => {
  await identity?.close();
  await drop?.();
});

const ref = (id: string) => ({ __typename: 'DisclosedPerson', id });

describe('DisclosedPerson', () => {
  it('answers masked values only, in representation order with nulls for unknown ids, in one statement', async () => {
    const before = identity.database.counter.statements;
    const result = await identity.execute(DISCLOSED, {
      r: [ref(ids['欧阳娜娜']!), ref('00000000-0000-4000-8000-000000000000'), ref(ids['张三']!), ref('not-a-uuid')],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: ids['欧阳娜娜'], maskedName: '欧阳**', maskedCitizenIdNumber: '1101**********002X' },
      null,
      { id: ids['张三'], maskedName: '张*', maskedCitizenIdNumber: '4405**********0014' },
      null,
    ]);
    expect(identity.database.counter.statements - before).toBe(1);
    const text = JSON.stringify(result);
    for (const clear of ['欧阳娜娜', '11010519491231002X', '张三', '440524188001010014']) expect(text).not.toContain(clear);
  });

  it('shares one statement with Person entities of the same request', async () => {
    const before = identity.database.counter.statements;
    const result = await identity.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on DisclosedPerson { maskedName } ... on Person { id } } }`,
      { r: [ref(ids['欧阳娜娜']!), { __typename: 'Person', id: ids['张三'] }, ref(ids['张三']!)] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ maskedName: '欧阳**' }, { id: ids['张三'] }, { maskedName: '张*' }]);
    expect(identity.database.counter.statements - before).toBe(1);
  });

  it('has no field that could carry the clear name or number', async () => {
    for (const field of ['name', 'citizenIdNumber']) {
      const result = await identity.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on DisclosedPerson { ${field} } } }`, {
        r: [ref(ids['欧阳娜娜']!)],
      });
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('reports no person as served to the query log: every field is PUBLIC and masked, unlike Person.name', async () => {
    type WithExtensions = { extensions?: Record<string, unknown> };
    const personal = (await identity.execute(`query($id: ID!) { person(id: $id) { name } }`, { id: ids['欧阳娜娜'] })) as WithExtensions;
    expect(personal.extensions?.servedPersons).toEqual([ids['欧阳娜娜']]);
    const disclosed = (await identity.execute(DISCLOSED, { r: [ref(ids['欧阳娜娜']!)] })) as WithExtensions;
    expect(disclosed.extensions?.servedPersons).toBeUndefined();
  });
});
