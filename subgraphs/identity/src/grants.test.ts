import { readFileSync } from 'node:fs';
import { ManualClock, makeCitizenId, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { GRANT_SCOPES, PURPOSES, type CallerContext } from '@credit/schema';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizationGrants } from './db/schema.js';
import { caller, citizen, REGISTRAR } from './callers.testing.js';
import { startIdentity } from './server.js';

const START = new Date('2026-11-21T10:00:00+08:00');
const clock = new ManualClock(START);
let identity: RunningSubgraph;
let drop: () => Promise<void>;
let personA: string;
let personB: string;

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const GRANT = `mutation($input: GrantAuthorizationInput!) {
  grantAuthorization(input: $input) { id grantee purpose scope expiresAt createdAt revokedAt status person { id } }
}`;
const REVOKE = `mutation($id: ID!) { revokeAuthorization(id: $id) { id status revokedAt } }`;
const ONE = `query($id: ID!) { authorizationGrant(id: $id) { id grantee status } }`;
const LIST = `query($id: ID!) { person(id: $id) { id authorizationGrants { id grantee status } } }`;

const officer = caller('OFFICER', 'ADMINISTRATIVE_LICENSING', { department: 'records' });
const agency = (sub: string) => caller('AGENCY', 'AUTHORIZED_QUERY', { sub });

const inDays = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();

let sequence = 0;
async function register(): Promise<string> {
  sequence += 1;
  const result = await identity.execute(REGISTER, { input: { name: '测试', citizenIdNumber: makeCitizenId('110105', '1990-01-01', sequence) } }, REGISTRAR);
  expect(result.errors).toBeUndefined();
  return (result.data?.registerPerson as { id: string }).id;
}

interface GrantOut {
  id: string;
  grantee: string;
  status: string;
  scope: string[];
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  person: { id: string };
}

async function grant(personId: string, overrides: Record<string, unknown> = {}): Promise<GrantOut> {
  const result = await identity.execute(
    GRANT,
    { input: { grantee: 'agency-x', purpose: 'AUTHORIZED_QUERY', scope: ['CREDIT_RECORDS'], expiresAt: inDays(30), ...overrides } },
    citizen(personId),
  );
  expect(result.errors).toBeUndefined();
  return result.data?.grantAuthorization as GrantOut;
}

async function grantsOf(personId: string, caller: CallerContext = citizen(personId)) {
  const result = await identity.execute(LIST, { id: personId }, caller);
  expect(result.errors).toBeUndefined();
  return (result.data?.person as { authorizationGrants: { id: string; grantee: string; status: string }[] | null }).authorizationGrants;
}

const grantCount = async () => (await identity.database.db.select().from(authorizationGrants)).length;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  // No relay: identity's events for records stay in its outbox, and its statements are the requests' own.
  identity = await startIdentity({ location: db.location, seedDemo: false, relay: false, destinations: () => ({}), clock });
  personA = await register();
  personB = await register();
});
afterAll(async () => {
  await identity?.close();
  await drop?.();
});
beforeEach(() => clock.set(START));

describe('authorization grants (授权查询)', () => {
  it('lets a citizen grant, list (newest first) and revoke their own authorizations', async () => {
    const person = await register();
    const first = await grant(person, { scope: ['CREDIT_RECORDS', 'IDENTITY', 'CREDIT_RECORDS'], expiresAt: '2027-01-01T00:00:00+08:00' });
    expect(first).toMatchObject({
      grantee: 'agency-x',
      purpose: 'AUTHORIZED_QUERY',
      scope: ['IDENTITY', 'CREDIT_RECORDS'],
      expiresAt: '2026-12-31T16:00:00.000Z',
      createdAt: START.toISOString(),
      revokedAt: null,
      status: 'ACTIVE',
      person: { id: person },
    });
    clock.set(new Date(START.getTime() + 60_000));
    const second = await grant(person, { grantee: '  agency-y  ', scope: ['DISPUTES', 'INCENTIVES'] });
    expect(second.grantee).toBe('agency-y');
    expect(await grantsOf(person)).toEqual([
      { id: second.id, grantee: 'agency-y', status: 'ACTIVE' },
      { id: first.id, grantee: 'agency-x', status: 'ACTIVE' },
    ]);

    clock.set(new Date(START.getTime() + 120_000));
    const revoked = await identity.execute(REVOKE, { id: first.id }, citizen(person));
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokeAuthorization).toEqual({ id: first.id, status: 'REVOKED', revokedAt: clock.now().toISOString() });
    // The gateway's per-request check sees the revocation at once.
    const looked = await identity.execute(ONE, { id: first.id }, officer);
    expect(looked.data?.authorizationGrant).toEqual({ id: first.id, grantee: 'agency-x', status: 'REVOKED' });

    const again = await identity.execute(REVOKE, { id: first.id }, citizen(person));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE', reason: 'ALREADY_REVOKED' });
    expect(again.data?.revokeAuthorization).toBeNull();
  });

  const refusal = (operation: string, reason: string) => ({ code: 'FORBIDDEN_OPERATION', operation, reason });
  it.each<[string, CallerContext, Record<string, unknown>, string]>([
    ['an anonymous caller', caller('PUBLIC'), refusal('grantAuthorization', 'NO_PERMIT'), 'NO_PERMIT'],
    ['an officer', officer, refusal('grantAuthorization', 'NO_PERMIT'), 'NO_PERMIT'],
    ['an agency', agency('agency-x'), refusal('grantAuthorization', 'NO_PERMIT'), 'NO_PERMIT'],
    [
      'a citizen with another purpose',
      { ...citizen('00000000-0000-4000-8000-000000000000'), purpose: 'AUTHORIZED_QUERY' },
      refusal('grantAuthorization', 'NO_PERMIT'),
      'NO_PERMIT',
    ],
    // The permit's row rule: the grant's person is the token's, and this token names nobody.
    ['a citizen token without a person', caller('CITIZEN', 'SELF_ACCESS', { sub: 'c' }), refusal('grantAuthorization', 'NOT_SELF'), 'NOT_SELF'],
    // Such a token passes the permit but has no registered person to consent for; it has no grants
    // at all, so revoking answers like any grant that is not yours.
    ['a citizen token naming an unregistered person', citizen('00000000-0000-4000-8000-000000000000'), { code: 'FORBIDDEN', reason: 'NOT_A_CITIZEN' }, 'NOT_SELF'],
  ])('refuses a grant by %s, writing nothing', async (_who, caller, grantRefusal, revokeReason) => {
    const before = await grantCount();
    const granted = await identity.execute(
      GRANT,
      { input: { grantee: 'agency-x', purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY'], expiresAt: inDays(30) } },
      caller,
    );
    expect(granted.errors?.map((e) => e.extensions)).toEqual([grantRefusal]);
    expect(granted.data?.grantAuthorization).toBeNull();
    expect(await grantCount()).toBe(before);
    const { id } = await grant(personA);
    const revoked = await identity.execute(REVOKE, { id }, caller);
    expect(revoked.errors?.map((e) => e.extensions)).toEqual([refusal('revokeAuthorization', revokeReason)]);
    const still = await identity.execute(ONE, { id }, officer);
    expect(still.data?.authorizationGrant).toMatchObject({ status: 'ACTIVE' });
  });

  it.each([
    ['a blank grantee', { grantee: '   ' }, 'grantee', 'BLANK'],
    ['an over-long grantee', { grantee: 'x'.repeat(201) }, 'grantee', 'TOO_LONG'],
    ['an empty scope', { scope: [] }, 'scope', 'EMPTY'],
    ['an expiry of now', { expiresAt: START.toISOString() }, 'expiresAt', 'EXPIRED'],
    ['an expiry in the past', { expiresAt: '2026-01-01T00:00:00+08:00' }, 'expiresAt', 'EXPIRED'],
    ['an expiry a year and a millisecond ahead', { expiresAt: '2027-11-21T02:00:00.001Z' }, 'expiresAt', 'TOO_LONG'],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_what, overrides, field, reason) => {
    const person = await register();
    const result = await identity.execute(
      GRANT,
      { input: { grantee: 'agency-x', purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY'], expiresAt: inDays(30), ...overrides } },
      citizen(person),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason });
    expect(await grantsOf(person)).toEqual([]);
  });

  it('accepts an expiry exactly one year ahead', async () => {
    const granted = await grant(personA, { expiresAt: '2027-11-21T02:00:00.000Z' });
    expect(granted.status).toBe('ACTIVE');
  });

  it("keeps one citizen out of another's grants: revoke is refused exactly like a missing grant's, lists and lookups are null", async () => {
    const ofB = await grant(personB, { grantee: 'agency-b' });
    const answers = [];
    for (const id of [ofB.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await identity.execute(REVOKE, { id }, citizen(personA));
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation: 'revokeAuthorization', reason: 'NOT_SELF' }]);
      expect(result.data?.revokeAuthorization).toBeNull();
      answers.push(result.errors!.map(({ message, extensions }) => ({ message, extensions })));
    }
    // Another person's grant, a missing one and a malformed id: the same answer, word for word.
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((await identity.execute(ONE, { id: ofB.id }, officer)).data?.authorizationGrant).toMatchObject({ status: 'ACTIVE' });
    expect(await grantsOf(personB, citizen(personA))).toBeNull();
    const lookup = await identity.execute(ONE, { id: ofB.id }, citizen(personA));
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data?.authorizationGrant).toBeNull();
    const entities = await identity.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id authorizationGrants { id } } } }`,
      { r: [{ __typename: 'Person', id: personB }] },
      citizen(personA),
    );
    expect(entities.data?._entities).toEqual([{ id: personB, authorizationGrants: null }]);
    const own = await identity.execute(ONE, { id: ofB.id }, citizen(personB));
    expect(own.data?.authorizationGrant).toEqual({ id: ofB.id, grantee: 'agency-b', status: 'ACTIVE' });
  });

  it('shows an agency only the grants naming it', async () => {
    const person = await register();
    const toX = await grant(person, { grantee: 'agency-x' });
    const toY = await grant(person, { grantee: 'agency-y' });
    expect((await identity.execute(ONE, { id: toX.id }, agency('agency-x'))).data?.authorizationGrant).toMatchObject({ id: toX.id });
    expect((await identity.execute(ONE, { id: toX.id }, agency('agency-y'))).data?.authorizationGrant).toBeNull();
    expect(await grantsOf(person, agency('agency-y'))).toEqual([{ id: toY.id, grantee: 'agency-y', status: 'ACTIVE' }]);
    expect(await grantsOf(person, officer)).toHaveLength(2);
  });

  it('derives the status from the clock: ACTIVE until expiresAt, EXPIRED from that instant, REVOKED once revoked', async () => {
    const expiresAt = new Date(START.getTime() + 3_600_000);
    const { id } = await grant(personA, { expiresAt: expiresAt.toISOString() });
    const status = async () => ((await identity.execute(ONE, { id }, citizen(personA))).data?.authorizationGrant as { status: string }).status;
    clock.set(new Date(expiresAt.getTime() - 1));
    expect(await status()).toBe('ACTIVE');
    clock.set(expiresAt);
    expect(await status()).toBe('EXPIRED');
    const revoked = await identity.execute(REVOKE, { id }, citizen(personA));
    expect(revoked.data?.revokeAuthorization).toMatchObject({ status: 'REVOKED' });
    clock.set(START);
    expect(await status()).toBe('REVOKED');
  });

  it('resolves Person.authorizationGrants for 2 or 20 entities in the same number of statements', async () => {
    const persons: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const person = await register();
      await grant(person);
      persons.push(person);
    }
    const statementsFor = async (ids: string[]) => {
      const before = identity.database.counter.requestStatements;
      const result = await identity.execute(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id authorizationGrants { id status } } } }`,
        { r: ids.map((id) => ({ __typename: 'Person', id })) },
        officer,
      );
      expect(result.errors).toBeUndefined();
      const entities = result.data?._entities as { authorizationGrants: unknown[] }[];
      expect(entities.map((e) => e.authorizationGrants)).toEqual(ids.map(() => [expect.objectContaining({ status: 'ACTIVE' })]));
      return identity.database.counter.requestStatements - before;
    };
    const few = await statementsFor(persons.slice(0, 2));
    const many = await statementsFor(persons);
    expect(many).toBe(few);
    expect(few).toBe(2);
  });

  it('declares Purpose and GrantScope exactly as the code knows them (GrantScope: the registry\'s departments with a scope)', () => {
    const document = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    const values = (name: string) =>
      document.definitions
        .filter((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name)
        .flatMap((d) => d.values?.map((v) => v.name.value) ?? []);
    expect(values('Purpose')).toEqual([...PURPOSES]);
    expect(values('GrantScope')).toEqual([...GRANT_SCOPES]);
  });
});
