/**
 * The write permit of submitCreditRecord (schema/src/permits.ts), checked by records itself from
 * the caller the gateway vouched for: only an officer of the determining authority submits its
 * decisions, and the record's authority is the token's department (DESIGN §5, Writes).
 */
import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@credit/kit';
import { tableSnapshot } from '@credit/kit/testing';
import type { CallerContext } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORITY, caller, officerOf, recordInput, startTestRecords } from './testing.js';

let records: RunningSubgraph;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ records, close } = await startTestRecords('2026-11-21T10:00:00+08:00'));
});
afterAll(() => close?.());

const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id determiningAuthority } }`;
const OTHER_DEPARTMENT = '北京市朝阳区市场监督管理局';

const snapshot = () => tableSnapshot(records.database.db, 'records');

/** Refused with FORBIDDEN_OPERATION for `reason`, and not a row of any records table changed. */
async function refused(input: Record<string, unknown>, who: CallerContext, reason: string) {
  const before = await snapshot();
  const result = await records.execute(SUBMIT, { input }, who);
  expect(result.data?.submitCreditRecord ?? null).toBeNull();
  expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation: 'submitCreditRecord', reason }]);
  expect(await snapshot()).toEqual(before);
}

describe('submitCreditRecord write permit', () => {
  it.each<[string, CallerContext, string]>([
    ['a citizen', caller('CITIZEN', 'SELF_ACCESS', { personId: randomUUID() }), 'NO_PERMIT'],
    ['an agency', caller('AGENCY', 'AUTHORIZED_QUERY'), 'NO_PERMIT'],
    ['an anonymous caller', caller('PUBLIC'), 'NO_PERMIT'],
    ['the credit office', caller('CREDIT_OFFICE', 'OBJECTION_REVIEW', { department: AUTHORITY }), 'NO_PERMIT'],
    ['an analyst', caller('ANALYST', 'STATISTICS', { department: AUTHORITY }), 'NO_PERMIT'],
    ['an officer of the authority with a review purpose', officerOf(AUTHORITY, 'OBJECTION_REVIEW'), 'NO_PERMIT'],
    ['an officer of the authority without a purpose', caller('OFFICER', null, { department: AUTHORITY }), 'NO_PERMIT'],
    ['an officer of another department', officerOf(OTHER_DEPARTMENT), 'NOT_OWN_DEPARTMENT'],
    ['an officer without a department', caller('OFFICER', 'JOINT_PUNISHMENT'), 'NOT_OWN_DEPARTMENT'],
  ])('refuses %s and writes nothing', async (_who, who, reason) => {
    await refused(recordInput(), who, reason);
  });

  it('refuses an officer naming another department, with or without the token’s department set', async () => {
    await refused(recordInput({ determiningAuthority: AUTHORITY }), officerOf(OTHER_DEPARTMENT), 'NOT_OWN_DEPARTMENT');
    // The authority must be the token's exactly: no trimming makes another spelling pass.
    await refused(recordInput({ determiningAuthority: ` ${AUTHORITY} ` }), officerOf(AUTHORITY), 'NOT_OWN_DEPARTMENT');
    // An officer without a department cannot name one, nor leave it to the token.
    const { determiningAuthority: _omitted, ...withoutAuthority } = recordInput();
    await refused(withoutAuthority, caller('OFFICER', 'JOINT_PUNISHMENT'), 'NOT_OWN_DEPARTMENT');
  });

  it('decides the permit before the input: a refused caller learns nothing from validation', async () => {
    await refused(recordInput({ subjectId: 'not-a-person', decidedOn: '2030-01-01' }), caller('PUBLIC'), 'NO_PERMIT');
    await refused(recordInput({ decidedOn: '2030-01-01' }), officerOf(OTHER_DEPARTMENT), 'NOT_OWN_DEPARTMENT');
  });

  it.each(['ADMINISTRATIVE_LICENSING', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT'] as const)(
    'takes the authority from the token of an officer with purpose %s, given or omitted',
    async (purpose) => {
      const before = await snapshot();
      const given = await records.execute(SUBMIT, { input: recordInput() }, officerOf(AUTHORITY, purpose));
      expect(given.errors).toBeUndefined();
      expect(given.data?.submitCreditRecord).toMatchObject({ determiningAuthority: AUTHORITY });
      const { determiningAuthority: _omitted, ...input } = recordInput();
      const taken = await records.execute(SUBMIT, { input }, officerOf(OTHER_DEPARTMENT, purpose));
      expect(taken.errors).toBeUndefined();
      expect(taken.data?.submitCreditRecord).toMatchObject({ determiningAuthority: OTHER_DEPARTMENT });
      // The snapshot sees writes: the refusals above compare it for a reason.
      const after = await snapshot();
      expect(after.credit_records!.rows).toBe(before.credit_records!.rows + 2);
      expect(after.outbox!.rows).toBe(before.outbox!.rows + 4);
    },
  );
});
