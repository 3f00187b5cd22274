/**
 * An objection (异议) the credit office upholds, through the gateway (DESIGN §4 Disputes, §6): the
 * decision is taken in disputes and carried by the outbox to records and on to incentives, so the
 * record is revoked, or replaced by a corrected copy, in every department's view at once. The
 * subgraph tests check each side alone (rec/handlers.test.ts, dis/workflow.test.ts); only here
 * does the decision cross the departments. Also: a forwarded objection runs on a new deadline,
 * and a citizen cannot decide one.
 */
import { makeCitizenId } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type CallAs, type System } from './harness.js';
import { recordInput, submitter } from './queries.js';

// Monday 2026-11-16: no holiday in the next two weeks, so working days are plain weekdays.
const MONDAY = '2026-11-16T10:00:00+08:00';

let system: System;
let office: (purpose: 'OBJECTION_REVIEW' | 'JOINT_PUNISHMENT' | 'PUBLIC_DISCLOSURE') => Promise<CallAs>;
let auditor: CallAs;

beforeAll(async () => {
  system = await startSystem({ now: MONDAY });
  office = async (purpose) => ({ token: await system.token({ role: 'CREDIT_OFFICE', sub: 'office-1', department: 'credit-office' }), purpose });
  auditor = { token: await system.token({ role: 'AUDITOR', sub: 'auditor-1', department: 'audit' }), purpose: 'AUDIT' };
});
afterAll(() => system?.close());

/** Runs as `as`, fails the test on any error, returns data. */
async function ok(query: string, variables: Record<string, unknown>, as: CallAs) {
  const { body } = await system.query(query, variables, as);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

let sequence = 0;

/** A registered person with a record decided 2026-05-10 (Order 36), published, and the citizen's own caller. */
async function personWithRecord(severity: 'GENERAL' | 'SERIOUS') {
  sequence += 2;
  const citizenIdNumber = makeCitizenId('110105', '1980-03-15', sequence);
  const registered = await ok(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, { input: { name: '欧阳娜娜', citizenIdNumber } }, await office('OBJECTION_REVIEW'));
  const personId: string = registered.registerPerson.id;
  const submitted = await ok(
    `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`,
    { input: recordInput(personId, { severity, decidedOn: '2026-05-10' }) },
    await submitter(system),
  );
  await system.drain();
  const citizen = { token: await system.token({ role: 'CITIZEN', sub: `citizen-${sequence}`, personId }), purpose: 'SELF_ACCESS' };
  return { personId, recordId: submitted.submitCreditRecord.id as string, citizen };
}

async function fileObjection(recordId: string, citizen: CallAs) {
  const filed = await ok(
    `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id status dueOn } }`,
    { input: { recordId, reasons: '处罚所依据的事实有误', evidence: ['情况说明'] } },
    citizen,
  );
  await system.drain();
  return filed.fileObjection as { id: string; status: string; dueOn: string };
}

const VIEW = `query($id: ID!) { person(id: $id) {
  creditRecords { edges { node { id severity status summary publicityEndsOn } } }
  integrityScore { value contributions { recordId points } }
  onSeriousDishonestyList
  applicableMeasures { measure { code kind } record { id } }
} }`;
const view = async (personId: string) => (await ok(VIEW, { id: personId }, await office('JOINT_PUNISHMENT'))).person;
const punishments = (person: any) => person.applicableMeasures.filter((m: any) => m.measure.kind === 'PUNISHMENT');

const DECIDE = `mutation($id: ID!, $correction: RecordCorrectionInput) {
  decideObjection(id: $id, outcome: UPHELD, reasons: "经复核，异议成立", correction: $correction) { status decidedOn correction { severity summary } } }`;

/**
 * The feed entries of the given records, in feed order. The feed is open to PUBLIC_DISCLOSURE and
 * AUDIT (schema/src/entry-points.ts), not to a single-subject purpose such as joint punishment: the
 * credit office reads it for the disclosure, where its INTERNAL fields are allowed.
 */
async function feedOf(...recordIds: string[]) {
  const feed = await ok(`{ creditRecordChanges(first: 100) { edges { node { change reason recordId } } } }`, {}, await office('PUBLIC_DISCLOSURE'));
  return feed.creditRecordChanges.edges.map((e: any) => e.node).filter((n: any) => recordIds.includes(n.recordId));
}

describe('an objection upheld without a correction revokes the record', () => {
  let personId: string;
  let recordId: string;
  let citizen: CallAs;

  beforeAll(async () => {
    system.clock.set(MONDAY);
    ({ personId, recordId, citizen } = await personWithRecord('SERIOUS'));
  });

  it('takes the record out of the person view, the score and the black list, and lifts its punishments', async () => {
    // Before: a SERIOUS record puts the person on the black list, with punishments based on it.
    const before = await view(personId);
    expect(before.onSeriousDishonestyList).toBe(true);
    expect(before.integrityScore).toEqual({ value: 800, contributions: [{ recordId, points: -200 }] });
    expect(punishments(before).length).toBeGreaterThan(0);

    const objection = await fileObjection(recordId, citizen);
    const decided = await ok(DECIDE, { id: objection.id }, await office('OBJECTION_REVIEW'));
    expect(decided.decideObjection).toEqual({ status: 'UPHELD', decidedOn: '2026-11-16', correction: null });
    await system.drain();

    const after = await view(personId);
    expect(after.creditRecords.edges).toEqual([]);
    expect(after.onSeriousDishonestyList).toBe(false);
    expect(after.integrityScore).toEqual({ value: 1000, contributions: [] });
    expect(punishments(after)).toEqual([]);
    // Out of publication, so no longer shared by id either, except with the auditor (below).
    const byId = await ok(`query($id: ID!) { creditRecord(id: $id) { id } }`, { id: recordId }, await office('OBJECTION_REVIEW'));
    expect(byId.creditRecord).toBeNull();
  });

  it('the change feed ends its publication as REVOKED, once', async () => {
    expect(await feedOf(recordId)).toEqual([
      { change: 'PUBLICATION_STARTED', reason: null, recordId },
      { change: 'PUBLICATION_ENDED', reason: 'REVOKED', recordId },
    ]);
  });

  it('the archive keeps it for the auditor: REVOKED on the decision date, replaced by nothing', async () => {
    const archived = await ok(`query($id: ID!) { creditRecord(id: $id) { id status revokedOn correctedBy { id } } }`, { id: recordId }, auditor);
    expect(archived.creditRecord).toEqual({ id: recordId, status: 'REVOKED', revokedOn: '2026-11-16', correctedBy: null });
  });
});

describe('an objection upheld with a correction replaces the record by a corrected copy', () => {
  let personId: string;
  let originalId: string;
  let copyId: string;
  let citizen: CallAs;

  beforeAll(async () => {
    system.clock.set(MONDAY);
    ({ personId, recordId: originalId, citizen } = await personWithRecord('SERIOUS'));
  });

  it('shows an ACTIVE GENERAL copy instead of the SERIOUS record: off the black list, scored as GENERAL', async () => {
    expect((await view(personId)).onSeriousDishonestyList).toBe(true);
    const objection = await fileObjection(originalId, citizen);
    const decided = await ok(DECIDE, { id: objection.id, correction: { severity: 'GENERAL', summary: '少缴税款，非逃避缴纳' } }, await office('OBJECTION_REVIEW'));
    expect(decided.decideObjection).toEqual({ status: 'UPHELD', decidedOn: '2026-11-16', correction: { severity: 'GENERAL', summary: '少缴税款，非逃避缴纳' } });
    await system.drain();

    const after = await view(personId);
    expect(after.creditRecords.edges).toHaveLength(1);
    const copy = after.creditRecords.edges[0].node;
    copyId = copy.id;
    expect(copyId).not.toBe(originalId);
    // Order 36 GENERAL from the original decision date 2026-05-10: 3 to 12 months, the maximum by default.
    expect(copy).toEqual({ id: copyId, severity: 'GENERAL', status: 'ACTIVE', summary: '少缴税款，非逃避缴纳', publicityEndsOn: '2027-05-10' });
    expect(after.onSeriousDishonestyList).toBe(false);
    expect(after.integrityScore).toEqual({ value: 950, contributions: [{ recordId: copyId, points: -50 }] });
    // Whatever punishments remain rest on the copy, none on the revoked original.
    expect(punishments(after).every((m: any) => m.record?.id === copyId)).toBe(true);
  });

  it('the archive links the two: the original is REVOKED and correctedBy the copy, which corrects it', async () => {
    const HISTORY = `query($id: ID!) { creditRecord(id: $id) { id status severity revokedOn correctedBy { id } corrects { id } } }`;
    const original = await ok(HISTORY, { id: originalId }, auditor);
    expect(original.creditRecord).toEqual({ id: originalId, status: 'REVOKED', severity: 'SERIOUS', revokedOn: '2026-11-16', correctedBy: { id: copyId }, corrects: null });
    const copy = await ok(HISTORY, { id: copyId }, auditor);
    expect(copy.creditRecord).toEqual({ id: copyId, status: 'ACTIVE', severity: 'GENERAL', revokedOn: null, correctedBy: null, corrects: { id: originalId } });
  });

  it('the change feed ends the original as CORRECTED and starts the copy', async () => {
    expect(await feedOf(originalId, copyId)).toEqual([
      { change: 'PUBLICATION_STARTED', reason: null, recordId: originalId },
      { change: 'PUBLICATION_ENDED', reason: 'CORRECTED', recordId: originalId },
      { change: 'PUBLICATION_STARTED', reason: null, recordId: copyId },
    ]);
  });
});

describe('a forwarded objection', () => {
  let recordId: string;
  let citizen: CallAs;
  let objectionId: string;

  beforeAll(async () => {
    system.clock.set(MONDAY);
    ({ recordId, citizen } = await personWithRecord('GENERAL'));
  });

  it('is due 5 working days after forwarding, no longer 5 after filing', async () => {
    const filed = await fileObjection(recordId, citizen);
    objectionId = filed.id;
    // Filed Monday 11-16: Tue 17 … Fri 20 and Mon 23 are the 5 working days.
    expect(filed).toMatchObject({ status: 'SUBMITTED', dueOn: '2026-11-23' });

    // Wednesday 11-18, the last day to forward (2 working days after filing).
    system.clock.set('2026-11-18T10:00:00+08:00');
    const forwarded = await ok(`mutation($id: ID!) { forwardObjection(id: $id) { status forwardedOn dueOn } }`, { id: objectionId }, await office('OBJECTION_REVIEW'));
    // Thu 19, Fri 20, Mon 23, Tue 24, Wed 25.
    expect(forwarded.forwardObjection).toEqual({ status: 'FORWARDED', forwardedOn: '2026-11-18', dueOn: '2026-11-25' });
    const read = await ok(`query($id: ID!) { objection(id: $id) { status dueOn overdue } }`, { id: objectionId }, await office('OBJECTION_REVIEW'));
    expect(read.objection).toEqual({ status: 'FORWARDED', dueOn: '2026-11-25', overdue: false });
  });

  it('cannot be decided by a citizen, not even on their own record: FORBIDDEN_OPERATION, and nothing changes', async () => {
    const { body } = await system.query(DECIDE, { id: objectionId }, citizen);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_OPERATION' });
    expect(body.data?.decideObjection ?? null).toBeNull();
    await system.drain();

    const read = await ok(`query($id: ID!) { objection(id: $id) { status decidedOn } }`, { id: objectionId }, await office('OBJECTION_REVIEW'));
    expect(read.objection).toEqual({ status: 'FORWARDED', decidedOn: null });
    const record = await ok(`query($id: ID!) { creditRecord(id: $id) { status underObjection } }`, { id: recordId }, await office('OBJECTION_REVIEW'));
    expect(record.creditRecord).toEqual({ status: 'ACTIVE', underObjection: true });
  });
});
