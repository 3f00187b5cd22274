/**
 * Incentives checks the nominateRedList permit of schema/src/permits.ts itself, from the caller
 * the gateway vouched for (DESIGN §5, Writes): a refusal is FORBIDDEN_OPERATION with its reason,
 * and no row of any incentives table changes (red list, projection, outbox, inbox, catalogs).
 */
import { randomUUID } from 'node:crypto';
import { tableSnapshot } from '@credit/kit/testing';
import type { CallerContext } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, ok, startTestIncentives, type TestIncentives } from './server.testing.js';

let t: TestIncentives;
beforeAll(async () => {
  t = await startTestIncentives();
});
afterAll(async () => {
  await t?.close();
});

const NOMINATE = `mutation($input: NominateRedListInput!) { nominateRedList(input: $input) { id nominatingDepartment } }`;
const DEPARTMENT = '县文明办';
const nomination = (personId: string, nominatingDepartment = DEPARTMENT) => ({ personId, nominatingDepartment, reason: '优秀志愿者' });
const snapshot = () => tableSnapshot(t.incentives.database.db, 'incentives');

async function refused(input: Record<string, unknown>, who: CallerContext, reason: string) {
  const before = await snapshot();
  const result = await t.incentives.execute(NOMINATE, { input }, who);
  expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation: 'nominateRedList', reason }]);
  expect(result.data?.nominateRedList ?? null).toBeNull();
  expect(await snapshot()).toEqual(before);
}

describe('nominateRedList write permit', () => {
  const person = randomUUID();

  it.each<[string, CallerContext, string]>([
    ['the citizen nominating themselves', caller('CITIZEN', 'SELF_ACCESS', { sub: 'c', personId: person }), 'NO_PERMIT'],
    ['a citizen of another person', caller('CITIZEN', 'SELF_ACCESS', { sub: 'c', personId: randomUUID() }), 'NO_PERMIT'],
    ['an officer of another department', caller('OFFICER', 'JOINT_INCENTIVE', { department: '县市场监督管理局' }), 'NOT_OWN_DEPARTMENT'],
    ['an officer without a department', caller('OFFICER', 'JOINT_INCENTIVE'), 'NOT_OWN_DEPARTMENT'],
    ['an officer of the department for joint punishment', caller('OFFICER', 'JOINT_PUNISHMENT', { department: DEPARTMENT }), 'NO_PERMIT'],
    ['an officer of the department without a purpose', caller('OFFICER', null, { department: DEPARTMENT }), 'NO_PERMIT'],
    ['the credit office for objection review', caller('CREDIT_OFFICE', 'OBJECTION_REVIEW'), 'NO_PERMIT'],
    ['an agency', caller('AGENCY', 'AUTHORIZED_QUERY'), 'NO_PERMIT'],
    ['an anonymous caller', caller('PUBLIC'), 'NO_PERMIT'],
    ['an analyst', caller('ANALYST', 'STATISTICS'), 'NO_PERMIT'],
  ])('refuses %s and writes nothing', async (_who, who, reason) => {
    await refused(nomination(person), who, reason);
  });

  it('holds an officer to the department it names, exactly as its token spells it', async () => {
    await refused(nomination(person, '县市场监督管理局'), caller('OFFICER', 'JOINT_INCENTIVE', { department: DEPARTMENT }), 'NOT_OWN_DEPARTMENT');
    await refused(nomination(person, ` ${DEPARTMENT} `), caller('OFFICER', 'JOINT_INCENTIVE', { department: DEPARTMENT }), 'NOT_OWN_DEPARTMENT');
  });

  it('lets the officer of the nominating department and the credit office for any department nominate', async () => {
    const before = await snapshot();
    expect(ok(await t.incentives.execute(NOMINATE, { input: nomination(randomUUID()) }, caller('OFFICER', 'JOINT_INCENTIVE', { department: DEPARTMENT })))).toMatchObject({
      nominateRedList: { nominatingDepartment: DEPARTMENT },
    });
    const office = caller('CREDIT_OFFICE', 'JOINT_INCENTIVE', { department: '县发展和改革局信用科' });
    expect(ok(await t.incentives.execute(NOMINATE, { input: nomination(randomUUID(), '县教育局') }, office))).toMatchObject({
      nominateRedList: { nominatingDepartment: '县教育局' },
    });
    // The snapshot sees writes: the refusals above compare it for a reason.
    expect((await snapshot()).red_list_entries!.rows).toBe(before.red_list_entries!.rows + 2);
  });
});

describe('revokeRedListNomination write permit', () => {
  const REVOKE = `mutation($id: ID!, $reason: String!) { revokeRedListNomination(id: $id, reason: $reason) { id revokedOn } }`;

  it.each<[string, CallerContext, string]>([
    ['an officer of another department', caller('OFFICER', 'JOINT_INCENTIVE', { department: '县市场监督管理局' }), 'NOT_OWN_DEPARTMENT'],
    ['an officer of the department for joint punishment', caller('OFFICER', 'JOINT_PUNISHMENT', { department: DEPARTMENT }), 'NO_PERMIT'],
    ['the credit office for objection review', caller('CREDIT_OFFICE', 'OBJECTION_REVIEW'), 'NO_PERMIT'],
    ['the nominated citizen', caller('CITIZEN', 'SELF_ACCESS', { sub: 'c', personId: randomUUID() }), 'NO_PERMIT'],
    ['an agency', caller('AGENCY', 'AUTHORIZED_QUERY'), 'NO_PERMIT'],
  ])('refuses %s and writes nothing', async (_who, who, reason) => {
    const entry = ok(await t.incentives.execute(NOMINATE, { input: nomination(randomUUID()) }, caller('OFFICER', 'JOINT_INCENTIVE', { department: DEPARTMENT })));
    const id = (entry.nominateRedList as { id: string }).id;
    const before = await snapshot();
    const result = await t.incentives.execute(REVOKE, { id, reason: '撤销' }, who);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation: 'revokeRedListNomination', reason }]);
    expect(await snapshot()).toEqual(before);
  });

  it('lets the nominating department’s officer revoke, and the snapshot sees it', async () => {
    const entry = ok(await t.incentives.execute(NOMINATE, { input: nomination(randomUUID()) }, caller('OFFICER', 'JOINT_INCENTIVE', { department: DEPARTMENT })));
    const before = await snapshot();
    ok(await t.incentives.execute(REVOKE, { id: (entry.nominateRedList as { id: string }).id, reason: '撤销' }, caller('OFFICER', 'JOINT_INCENTIVE', { department: DEPARTMENT })));
    expect(await snapshot()).not.toEqual(before);
  });
});
