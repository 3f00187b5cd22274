/**
 * Identity checks the write permits of schema/src/permits.ts itself, from the caller the gateway
 * vouched for (DESIGN §5, Writes): a refused mutation answers FORBIDDEN_OPERATION with its reason
 * and changes no row of any identity table.
 */
import { makeCitizenId, ManualClock, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation, tableSnapshot } from '@credit/kit/testing';
import type { CallerContext } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_CALLER, caller, citizen, REGISTRAR } from './callers.testing.js';
import { startIdentity } from './server.js';

const clock = new ManualClock(new Date('2026-11-21T10:00:00+08:00'));
let identity: RunningSubgraph;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  // No relay: identity's events for records stay in its outbox, and its statements are the requests' own.
  identity = await startIdentity({ location: db.location, seedDemo: false, relay: false, destinations: () => ({}), clock });
});
afterAll(async () => {
  await identity?.close();
  await drop?.();
});

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const GRANT = `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`;
const REVOKE = `mutation($id: ID!) { revokeAuthorization(id: $id) { id status } }`;

const OFFICER = caller('OFFICER', 'ADMINISTRATIVE_LICENSING', { department: '县市场监督管理局' });
const AGENCY = caller('AGENCY', 'AUTHORIZED_QUERY');

let sequence = 500;
const personInput = () => ({ name: '测试', citizenIdNumber: makeCitizenId('110105', '1990-01-01', ++sequence) });
const grantInput = () => ({ grantee: 'agency-x', purpose: 'AUTHORIZED_QUERY', scope: ['CREDIT_RECORDS'], expiresAt: '2027-01-01T00:00:00+08:00' });

async function run(query: string, variables: Record<string, unknown>, caller: CallerContext) {
  const result = await identity.execute(query, variables, caller);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as { id: string; status?: string };
}

const register = async () => (await run(REGISTER, { input: personInput() }, REGISTRAR)).id;
const snapshot = () => tableSnapshot(identity.database.db, 'identity');

/** Refused with FORBIDDEN_OPERATION for `reason`; no identity table changed. Returns the error. */
async function refused(query: string, variables: Record<string, unknown>, caller: CallerContext, operation: string, reason: string) {
  const before = await snapshot();
  const result = await identity.execute(query, variables, caller);
  expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation, reason }]);
  expect(Object.values(result.data ?? {})).toEqual([null]);
  expect(await snapshot()).toEqual(before);
  return result.errors!.map(({ message, extensions }) => ({ message, extensions }));
}

describe('registerPerson', () => {
  it.each<[string, CallerContext]>([
    ['a citizen', citizen('00000000-0000-4000-8000-000000000001')],
    ['an agency', AGENCY],
    ['an anonymous caller', ANONYMOUS_CALLER],
    ['an officer with purpose JOINT_PUNISHMENT', caller('OFFICER', 'JOINT_PUNISHMENT', { department: '县市场监督管理局' })],
    ['the credit office for statistics', caller('CREDIT_OFFICE', 'STATISTICS', { department: '县发展和改革局信用科' })],
    ['an auditor', caller('AUDITOR', 'AUDIT')],
  ])('refuses %s (NO_PERMIT) and writes nothing', async (_who, caller) => {
    await refused(REGISTER, { input: personInput() }, caller, 'registerPerson', 'NO_PERMIT');
  });

  it('decides the permit before the input: a refused caller learns nothing of a number already registered', async () => {
    const input = personInput();
    await run(REGISTER, { input }, REGISTRAR);
    await refused(REGISTER, { input }, ANONYMOUS_CALLER, 'registerPerson', 'NO_PERMIT');
    await refused(REGISTER, { input: { ...input, citizenIdNumber: '110105194912310021' } }, AGENCY, 'registerPerson', 'NO_PERMIT');
  });

  it('is open to an officer for licensing and to the credit office for its four purposes, and the snapshot sees the write', async () => {
    const before = await snapshot();
    await run(REGISTER, { input: personInput() }, OFFICER);
    for (const purpose of ['OBJECTION_REVIEW', 'CREDIT_REPAIR_REVIEW', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT'] as const) {
      await run(REGISTER, { input: personInput() }, caller('CREDIT_OFFICE', purpose));
    }
    expect((await snapshot()).persons!.rows).toBe(before.persons!.rows + 5);
  });
});

describe('grantAuthorization', () => {
  it.each<[string, CallerContext, string]>([
    ['an officer', OFFICER, 'NO_PERMIT'],
    ['an agency', AGENCY, 'NO_PERMIT'],
    ['an anonymous caller', ANONYMOUS_CALLER, 'NO_PERMIT'],
    ['the credit office', REGISTRAR, 'NO_PERMIT'],
    ['a citizen with purpose AUTHORIZED_QUERY', { ...citizen('00000000-0000-4000-8000-000000000001'), purpose: 'AUTHORIZED_QUERY' }, 'NO_PERMIT'],
    ['a citizen token naming no person', caller('CITIZEN', 'SELF_ACCESS'), 'NOT_SELF'],
  ])('refuses %s and writes nothing', async (_who, caller, reason) => {
    await refused(GRANT, { input: grantInput() }, caller, 'grantAuthorization', reason);
  });
});

describe('revokeAuthorization', () => {
  it('refuses every caller but the grant’s own person, and writes nothing', async () => {
    const person = await register();
    const { id } = await run(GRANT, { input: grantInput() }, citizen(person));
    const other = await register();
    await refused(REVOKE, { id }, citizen(other), 'revokeAuthorization', 'NOT_SELF');
    await refused(REVOKE, { id }, OFFICER, 'revokeAuthorization', 'NO_PERMIT');
    await refused(REVOKE, { id }, AGENCY, 'revokeAuthorization', 'NO_PERMIT');
    await refused(REVOKE, { id }, ANONYMOUS_CALLER, 'revokeAuthorization', 'NO_PERMIT');
    await refused(REVOKE, { id }, REGISTRAR, 'revokeAuthorization', 'NO_PERMIT');
    await refused(REVOKE, { id }, { ...citizen(person), purpose: 'AUTHORIZED_QUERY' }, 'revokeAuthorization', 'NO_PERMIT');
    expect(await run(REVOKE, { id }, citizen(person))).toEqual({ id, status: 'REVOKED' });
  });

  it('answers a citizen the same for another person’s grant and for one that does not exist', async () => {
    const owner = await register();
    const { id } = await run(GRANT, { input: grantInput() }, citizen(owner));
    const asker = citizen(await register());
    const theirs = await refused(REVOKE, { id }, asker, 'revokeAuthorization', 'NOT_SELF');
    const missing = await refused(REVOKE, { id: '00000000-0000-4000-8000-00000000dead' }, asker, 'revokeAuthorization', 'NOT_SELF');
    expect(missing).toEqual(theirs);
  });
});
