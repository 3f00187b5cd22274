/**
 * Disputes checks the write permits of schema/src/permits.ts itself, from the caller the gateway
 * vouched for (DESIGN §5, Writes): every mutation, called in-process with forged callers, is
 * refused with FORBIDDEN_OPERATION and its reason, and no row of any disputes table changes
 * (objections, repair applications, outbox, inbox, record facts, calendar).
 */
import { randomUUID } from 'node:crypto';
import { ManualClock, type RecordFacts } from '@credit/kit';
import { tableSnapshot } from '@credit/kit/testing';
import type { CallerContext } from '@credit/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORITY, caller, citizen, OBJECTION_REVIEWER, officer, otherOfficer, REPAIR_REVIEWER } from './callers.testing.js';
import { recordFacts } from './db/schema.js';
import { startTestDisputes } from './subgraph.testing.js';

const clock = new ManualClock(new Date('2026-11-20T10:00:00+08:00'));
let t: Awaited<ReturnType<typeof startTestDisputes>>;

beforeAll(async () => {
  t = await startTestDisputes(clock);
});
afterAll(async () => {
  await t?.close();
});

const FILE_OBJECTION = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id status filedBy } }`;
const FILE_REPAIR = `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id status } }`;
const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, outcome: REJECTED, reasons: "经核查记录无误") { id status } }`;
const FORWARD = `mutation($id: ID!) { forwardObjection(id: $id) { id status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawObjection(id: $id) { id status } }`;
const DECIDE_REPAIR = `mutation($id: ID!) { decideRepair(id: $id, outcome: APPROVED) { id status } }`;

const repairInput = (recordId: string) => ({
  recordId,
  basis: 'PENALTY_PAID',
  evidence: ['缴款凭证.pdf'],
  creditPledge: '本人承诺今后诚实守信。',
  pledgeAccepted: true,
});
const objectionInput = (recordId: string, filedBy = 'SUBJECT') => ({ recordId, reasons: '事实有误', filedBy });

const PUBLIC: CallerContext = caller('PUBLIC', null);
const AGENCY = caller('AGENCY', 'AUTHORIZED_QUERY');
const snapshot = () => tableSnapshot(t.db, 'disputes');

interface Refusal {
  message: string;
  extensions: Record<string, unknown>;
}

/** Refused with FORBIDDEN_OPERATION for `reason`, and no disputes table changed. */
async function refused(query: string, variables: Record<string, unknown>, caller: CallerContext, reason: string): Promise<Refusal> {
  const before = await snapshot();
  const result = await t.disputes.execute(query, variables, caller);
  const operation = /\{\s*(\w+)\(/.exec(query)![1];
  expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation, reason }]);
  expect(Object.values(result.data ?? {})).toEqual([null]);
  expect(await snapshot()).toEqual(before);
  return { message: result.errors![0]!.message, extensions: result.errors![0]!.extensions! };
}

async function allowed(query: string, variables: Record<string, unknown>, caller: CallerContext) {
  const result = await t.disputes.execute(query, variables, caller);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as { id: string; status: string };
}

let record: RecordFacts;
let objectionId: string;
let repairId: string;

beforeAll(async () => {
  // One record nobody has objected to (the filings' target), one with an open objection, one with a
  // submitted repair application: what a permitted caller could act on.
  record = await t.published();
  const objected = await t.published();
  objectionId = (await allowed(FILE_OBJECTION, { input: objectionInput(objected.id) }, citizen(objected.subjectId))).id;
  const repaired = await t.published();
  repairId = (await allowed(FILE_REPAIR, { input: repairInput(repaired.id) }, REPAIR_REVIEWER)).id;
});

describe('fileObjection', () => {
  it.each<[string, () => CallerContext, string, string]>([
    ['a citizen on another person’s record', () => citizen(randomUUID()), 'SUBJECT', 'NOT_SELF'],
    ['a citizen token naming no person', () => caller('CITIZEN', 'SELF_ACCESS'), 'SUBJECT', 'NOT_SELF'],
    ['a citizen with purpose AUTHORIZED_QUERY', () => ({ ...citizen(record.subjectId), purpose: 'AUTHORIZED_QUERY' }), 'SUBJECT', 'NO_PERMIT'],
    ['an officer of another department', () => otherOfficer(), 'DETERMINING_AUTHORITY', 'NOT_OWN_DEPARTMENT'],
    ['an officer of another department for joint punishment', () => otherOfficer('JOINT_PUNISHMENT'), 'DETERMINING_AUTHORITY', 'NOT_OWN_DEPARTMENT'],
    ['an officer of the authority with purpose STATISTICS', () => officer('STATISTICS'), 'DETERMINING_AUTHORITY', 'NO_PERMIT'],
    ['an agency', () => AGENCY, 'SUBJECT', 'NO_PERMIT'],
    ['an anonymous caller', () => PUBLIC, 'SUBJECT', 'NO_PERMIT'],
    ['the credit office reviewing repairs', () => REPAIR_REVIEWER, 'SUBJECT', 'NO_PERMIT'],
    ['an auditor', () => caller('AUDITOR', 'AUDIT'), 'SUBJECT', 'NO_PERMIT'],
  ])('refuses %s and writes nothing', async (_who, caller, filedBy, reason) => {
    await refused(FILE_OBJECTION, { input: objectionInput(record.id, filedBy) }, caller(), reason);
  });

  it('answers a citizen identically for a missing record id and for another person’s record', async () => {
    const asker = citizen(randomUUID());
    const theirs = await refused(FILE_OBJECTION, { input: objectionInput(record.id) }, asker, 'NOT_SELF');
    const missing = await refused(FILE_OBJECTION, { input: objectionInput(randomUUID()) }, asker, 'NOT_SELF');
    const malformed = await refused(FILE_OBJECTION, { input: objectionInput('not-a-record') }, asker, 'NOT_SELF');
    expect(missing).toEqual(theirs);
    expect(malformed).toEqual(theirs);
  });

  it('answers an officer identically for a missing record id and for another department’s record', async () => {
    const asker = otherOfficer();
    const theirs = await refused(FILE_OBJECTION, { input: objectionInput(record.id, 'DETERMINING_AUTHORITY') }, asker, 'NOT_OWN_DEPARTMENT');
    const missing = await refused(FILE_OBJECTION, { input: objectionInput(randomUUID(), 'DETERMINING_AUTHORITY') }, asker, 'NOT_OWN_DEPARTMENT');
    expect(missing).toEqual(theirs);
  });

  it('refuses every officer when the record’s authority is unknown (facts published before it was carried)', async () => {
    const { determiningAuthority: _dropped, ...old } = await t.published();
    const legacy = { ...old, id: randomUUID(), version: 1 } as RecordFacts;
    await t.publish(legacy);
    const [stored] = await t.db.select().from(recordFacts).where(eq(recordFacts.id, legacy.id));
    expect(stored).toMatchObject({ id: legacy.id, determiningAuthority: null });
    await refused(FILE_OBJECTION, { input: objectionInput(legacy.id, 'DETERMINING_AUTHORITY') }, officer(), 'NOT_OWN_DEPARTMENT');
    // The subject and the credit office are not held to the authority.
    expect(await allowed(FILE_OBJECTION, { input: objectionInput(legacy.id) }, citizen(legacy.subjectId))).toMatchObject({ status: 'SUBMITTED' });
  });

  it('lets an officer of the record’s own department file as its determining authority', async () => {
    const own = await t.published({ determiningAuthority: AUTHORITY });
    const [stored] = await t.db.select().from(recordFacts).where(eq(recordFacts.id, own.id));
    expect(stored!.determiningAuthority).toBe(AUTHORITY);
    expect(await allowed(FILE_OBJECTION, { input: objectionInput(own.id, 'DETERMINING_AUTHORITY') }, officer('JOINT_INCENTIVE'))).toMatchObject({
      filedBy: 'DETERMINING_AUTHORITY',
    });
  });
});

describe('fileRepairApplication', () => {
  it.each<[string, () => CallerContext, string]>([
    ['a citizen on another person’s record', () => citizen(randomUUID()), 'NOT_SELF'],
    ['a citizen with purpose CREDIT_REPAIR_REVIEW', () => ({ ...citizen(record.subjectId), purpose: 'CREDIT_REPAIR_REVIEW' }), 'NO_PERMIT'],
    ['an officer of the authority', () => officer('JOINT_PUNISHMENT'), 'NO_PERMIT'],
    ['an officer of another department', () => otherOfficer(), 'NO_PERMIT'],
    ['an agency', () => AGENCY, 'NO_PERMIT'],
    ['an anonymous caller', () => PUBLIC, 'NO_PERMIT'],
    ['the credit office reviewing objections', () => OBJECTION_REVIEWER, 'NO_PERMIT'],
  ])('refuses %s and writes nothing', async (_who, caller, reason) => {
    await refused(FILE_REPAIR, { input: repairInput(record.id) }, caller(), reason);
  });

  it('answers a citizen identically for a missing record id and for another person’s record', async () => {
    const asker = citizen(randomUUID());
    const theirs = await refused(FILE_REPAIR, { input: repairInput(record.id) }, asker, 'NOT_SELF');
    const missing = await refused(FILE_REPAIR, { input: repairInput(randomUUID()) }, asker, 'NOT_SELF');
    expect(missing).toEqual(theirs);
  });
});

describe.each([
  ['decideObjection', DECIDE],
  ['forwardObjection', FORWARD],
])('%s', (_name, query) => {
  it.each<[string, () => CallerContext]>([
    ['the subject', () => citizen(randomUUID())],
    ['an officer of the authority', () => officer()],
    ['an officer of another department', () => otherOfficer('JOINT_PUNISHMENT')],
    ['an agency', () => AGENCY],
    ['an anonymous caller', () => PUBLIC],
    ['the credit office reviewing repairs', () => REPAIR_REVIEWER],
    ['the credit office without a purpose', () => caller('CREDIT_OFFICE', null)],
  ])('refuses %s (NO_PERMIT) and writes nothing', async (_who, caller) => {
    await refused(query, { id: objectionId }, caller(), 'NO_PERMIT');
  });
});

describe('withdrawObjection', () => {
  it.each<[string, () => CallerContext, string]>([
    ['a citizen who is not the subject', () => citizen(randomUUID()), 'NOT_SELF'],
    ['an officer of the authority', () => officer(), 'NO_PERMIT'],
    ['an officer of another department', () => otherOfficer(), 'NO_PERMIT'],
    ['an agency', () => AGENCY, 'NO_PERMIT'],
    ['an anonymous caller', () => PUBLIC, 'NO_PERMIT'],
    ['the credit office reviewing repairs', () => REPAIR_REVIEWER, 'NO_PERMIT'],
  ])('refuses %s and writes nothing', async (_who, caller, reason) => {
    await refused(WITHDRAW, { id: objectionId }, caller(), reason);
  });

  it('answers a citizen identically for a missing objection and for another person’s', async () => {
    const asker = citizen(randomUUID());
    const theirs = await refused(WITHDRAW, { id: objectionId }, asker, 'NOT_SELF');
    const missing = await refused(WITHDRAW, { id: randomUUID() }, asker, 'NOT_SELF');
    expect(missing).toEqual(theirs);
  });
});

describe('decideRepair', () => {
  it.each<[string, () => CallerContext]>([
    ['a citizen', () => citizen(randomUUID())],
    ['an officer of the authority', () => officer()],
    ['an agency', () => AGENCY],
    ['an anonymous caller', () => PUBLIC],
    ['the credit office reviewing objections', () => OBJECTION_REVIEWER],
  ])('refuses %s (NO_PERMIT) and writes nothing', async (_who, caller) => {
    await refused(DECIDE_REPAIR, { id: repairId }, caller(), 'NO_PERMIT');
  });
});

describe('a caller who may act on any row', () => {
  it('learns that a missing objection or repair application is NOT_FOUND, and the snapshot sees a permitted write', async () => {
    for (const [query, caller] of [
      [DECIDE, OBJECTION_REVIEWER],
      [FORWARD, OBJECTION_REVIEWER],
      [WITHDRAW, OBJECTION_REVIEWER],
      [DECIDE_REPAIR, REPAIR_REVIEWER],
    ] as const) {
      const result = await t.disputes.execute(query, { id: randomUUID() }, caller);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    }
    const before = await snapshot();
    expect(await allowed(DECIDE_REPAIR, { id: repairId }, REPAIR_REVIEWER)).toMatchObject({ status: 'APPROVED' });
    const after = await snapshot();
    expect(after.repair_applications!.digest).not.toBe(before.repair_applications!.digest);
    expect(after.outbox!.rows).toBe(before.outbox!.rows + 1);
  });
});
