import { makeCitizenId, ManualClock, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRAR } from './callers.testing.js';
import { startIdentity } from './server.js';

let identity: RunningSubgraph;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  // No relay: identity's events for records stay in its outbox, and its statements are the requests' own.
  identity = await startIdentity({ location: db.location, seedDemo: false, relay: false, destinations: () => ({}), clock: new ManualClock(new Date('2026-11-21T10:00:00+08:00')) });
});
afterAll(async () => {
  await identity?.close();
  await drop?.();
});

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id name citizenIdNumber gender birthDate regionCode occupations realNameRegistrations { sector registeredAt } } }`;

describe('identity subgraph', () => {
  it('registers a person, deriving gender, birth date and region from the citizen ID number', async () => {
    const result = await identity.execute(
      REGISTER,
      {
        input: {
          name: '张三',
          citizenIdNumber: '11010519491231002x',
          occupations: ['TEACHER', 'TEACHER'],
          realNameRegistrations: [{ sector: 'TELECOM', registeredAt: '2020-01-02T09:00:00+08:00' }],
        },
      },
      REGISTRAR,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerPerson).toMatchObject({
      name: '张三',
      citizenIdNumber: '11010519491231002X',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      regionCode: '110105',
      occupations: ['TEACHER'],
      realNameRegistrations: [{ sector: 'TELECOM', registeredAt: '2020-01-02T01:00:00.000Z' }],
    });
  });

  it('refuses a second person with the same number (CONFLICT) and keeps the first', async () => {
    const result = await identity.execute(REGISTER, { input: { name: '李四', citizenIdNumber: '11010519491231002X' } }, REGISTRAR);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const lookup = await identity.execute(`{ personByCitizenIdNumber(citizenIdNumber: "11010519491231002X") { name } }`);
    expect(lookup.data?.personByCitizenIdNumber).toEqual({ name: '张三' });
  });

  it('gives a person a random UUID as id, which carries no part of the citizen ID number and does not find them', async () => {
    const citizenIdNumber = makeCitizenId('310104', '1985-07-09', 123);
    const result = await identity.execute(REGISTER, { input: { name: '陈七', citizenIdNumber } }, REGISTRAR);
    expect(result.errors).toBeUndefined();
    const { id } = result.data?.registerPerson as { id: string };
    // Version 4 (random), not a name-based v3/v5: those are hashes of their input, and anyone
    // could recompute them from a citizen ID number, so the id would not be opaque.
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // No run of 6 characters of the number (the length of its region code) appears in the id,
    // hyphens ignored. Shorter runs are left out: random hex holds a given 3-digit run too often.
    const compact = id.replaceAll('-', '');
    const runs = Array.from({ length: citizenIdNumber.length - 5 }, (_, i) => citizenIdNumber.slice(i, i + 6).toLowerCase());
    expect(runs.filter((run) => compact.includes(run))).toEqual([]);
    // The number is not an id: asking for it by id finds nobody, while the real id does.
    const byNumber = await identity.execute(`query($a: ID!, $b: ID!) { a: person(id: $a) { id } b: person(id: $b) { id } }`, { a: citizenIdNumber, b: id });
    expect(byNumber.errors).toBeUndefined();
    expect(byNumber.data).toEqual({ a: null, b: { id } });
  });

  it.each([
    ['11010519491231002', 'FORMAT'],
    ['110105194912310021', 'CHECKSUM'],
    ['110105199002300012', 'BIRTH_DATE'],
    ['990105194912310026', 'REGION'],
  ])('rejects %s with BAD_USER_INPUT reason %s', async (citizenIdNumber, reason) => {
    const result = await identity.execute(REGISTER, { input: { name: '王五', citizenIdNumber } }, REGISTRAR);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });

  it('resolves Person entities in representation order, with nulls for unknown ids', async () => {
    const created = await identity.execute(REGISTER, { input: { name: '欧阳娜娜', citizenIdNumber: '440524188001010014' } }, REGISTRAR);
    const id = (created.data?.registerPerson as { id: string }).id;
    const before = identity.database.counter.statements;
    const result = await identity.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } } }`,
      { r: [{ __typename: 'Person', id: '00000000-0000-4000-8000-000000000000' }, { __typename: 'Person', id }, { __typename: 'Person', id: 'not-a-uuid' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null, { id, name: '欧阳娜娜' }, null]);
    expect(identity.database.counter.statements - before).toBe(1);
  });

  it('pages persons with a resumable cursor and bounds first to 1..100', async () => {
    const first = await identity.execute(`{ persons(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
    const page = first.data?.persons as { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(page.edges).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await identity.execute(`query($after: String) { persons(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, {
      after: page.pageInfo.endCursor,
    });
    const rest = second.data?.persons as { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
    expect(rest.edges.map((e) => e.node.id)).not.toContain(page.edges[0]!.node.id);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const tooMany = await identity.execute(`{ persons(first: 101) { edges { cursor } } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await identity.execute(`{ persons(after: "nope") { edges { cursor } } }`);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
