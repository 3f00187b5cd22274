/**
 * Issue 4's whole story through the gateway, as each department's staff and the citizen would
 * live it: a serious record, an objection rejected, the minimum period passing, a repair
 * approved, and the record gone from every view while the archive keeps it.
 */
import { selectRows } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type CallAs, type System } from './harness.js';
import { recordInput, submitter } from './queries.js';

let system: System;
let creditOffice: (purpose: 'OBJECTION_REVIEW' | 'CREDIT_REPAIR_REVIEW' | 'JOINT_PUNISHMENT' | 'PUBLIC_DISCLOSURE') => Promise<CallAs>;
let auditor: CallAs;
let citizen: CallAs;
let personId: string;
let recordId: string;

beforeAll(async () => {
  system = await startSystem({ now: '2026-06-15T10:00:00+08:00' });
  creditOffice = async (purpose) => ({ token: await system.token({ role: 'CREDIT_OFFICE', sub: 'office-1', department: 'credit-office' }), purpose });
  auditor = { token: await system.token({ role: 'AUDITOR', sub: 'auditor-1', department: 'audit' }), purpose: 'AUDIT' };
  const registered = await system.graphql(`mutation { registerPerson(input: { name: "欧阳娜娜", citizenIdNumber: "11010519491231002X" }) { id } }`);
  expect(registered.errors).toBeUndefined();
  personId = registered.data!.registerPerson.id;
  citizen = { token: await system.token({ role: 'CITIZEN', sub: 'citizen-1', personId }), purpose: 'SELF_ACCESS' };
});
afterAll(() => system?.close());

/** Runs as `as`, fails the test on any error, returns data. */
async function ok(query: string, variables: Record<string, unknown>, as: CallAs) {
  const { body } = await system.query(query, variables, as);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

const VIEW = `query($id: ID!) { person(id: $id) {
  creditRecords { edges { node { id status underObjection } } }
  integrityScore { value contributions { recordId } }
  onSeriousDishonestyList
  applicableMeasures { measure { code kind } trigger record { id } }
} }`;
const DISCLOSURES = `{ publicDisclosures(first: 50) { edges { node { recordId documentNumber person { maskedName maskedCitizenIdNumber } } } } }`;
const FEED = `query($after: String) { creditRecordChanges(after: $after, first: 100) {
  edges { cursor node { change reason recordId } } pageInfo { endCursor hasNextPage } } }`;

const punishments = (view: any) => view.person.applicableMeasures.filter((m: any) => m.measure.kind === 'PUNISHMENT');

describe('the credit lifecycle, end to end through the gateway', () => {
  it('a SERIOUS record puts the person on the black list, under punishments, and in the public disclosure', async () => {
    const submitted = await ok(
      `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id status minimumPublicityEndsOn } }`,
      { input: recordInput(personId, { severity: 'SERIOUS', domain: 'FOOD_AND_DRUGS', decidedOn: '2026-05-01' }) },
      await submitter(system),
    );
    recordId = submitted.submitCreditRecord.id;
    // Order 36 (from 2026-04-01): SERIOUS is published 1 to 3 years.
    expect(submitted.submitCreditRecord).toMatchObject({ status: 'ACTIVE', minimumPublicityEndsOn: '2027-05-01' });
    await system.drain();

    const view = await ok(VIEW, { id: personId }, await creditOffice('JOINT_PUNISHMENT'));
    expect(view.person.onSeriousDishonestyList).toBe(true);
    expect(view.person.integrityScore.value).toBe(800);
    expect(punishments(view).length).toBeGreaterThan(0);
    expect(punishments(view).every((m: any) => m.record?.id === recordId)).toBe(true);

    // No token at all: the public sees the disclosure, masked at the source.
    const { status, body } = await system.query(DISCLOSURES);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const entry = body.data!.publicDisclosures.edges.map((e: any) => e.node).find((n: any) => n.recordId === recordId);
    expect(entry.person).toEqual({ maskedName: '欧阳**', maskedCitizenIdNumber: '1101**********002X' });
    expect(JSON.stringify(body)).not.toContain('11010519491231002X');
  });

  it('the citizen objects; the credit office rejects with reasons and the flag clears', async () => {
    const filed = await ok(
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id status dueOn } }`,
      { input: { recordId, reasons: '处罚所依据的事实有误', evidence: ['情况说明'] } },
      citizen,
    );
    // Filed Monday 2026-06-15: Tue 16, Wed 17, Thu 18 count; Fri 19 (端午) and the weekend do not;
    // Mon 22 is the fourth working day and Tue 23 the fifth.
    expect(filed.fileObjection).toMatchObject({ status: 'SUBMITTED', dueOn: '2026-06-23' });
    await system.drain();
    const flagged = await ok(VIEW, { id: personId }, await creditOffice('OBJECTION_REVIEW'));
    expect(flagged.person.creditRecords.edges[0].node).toMatchObject({ id: recordId, underObjection: true });

    const objectionId = filed.fileObjection.id;
    const DECIDE = `mutation($id: ID!, $reasons: String) { decideObjection(id: $id, outcome: REJECTED, reasons: $reasons) { status outcomeReasons } }`;
    const noReasons = await system.query(DECIDE, { id: objectionId }, await creditOffice('OBJECTION_REVIEW'));
    expect(noReasons.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const decided = await ok(DECIDE, { id: objectionId, reasons: '经核查，处罚决定事实清楚' }, await creditOffice('OBJECTION_REVIEW'));
    expect(decided.decideObjection).toEqual({ status: 'REJECTED', outcomeReasons: '经核查，处罚决定事实清楚' });
    const twice = await system.query(DECIDE, { id: objectionId, reasons: 'again' }, await creditOffice('OBJECTION_REVIEW'));
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE' });

    await system.drain();
    const cleared = await ok(VIEW, { id: personId }, await creditOffice('OBJECTION_REVIEW'));
    expect(cleared.person.creditRecords.edges[0].node).toMatchObject({ id: recordId, status: 'ACTIVE', underObjection: false });
  });

  it('once the minimum period has passed, an approved repair takes the record out of every view', async () => {
    const FILE_REPAIR = `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id status } }`;
    const input = { recordId, basis: 'PENALTY_PAID', evidence: ['罚款缴纳凭证'], creditPledge: '本人承诺今后诚信守法。', pledgeAccepted: true };
    const early = await system.query(FILE_REPAIR, { input }, citizen);
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MINIMUM_PERIOD_NOT_PASSED' });

    system.clock.set('2027-05-06T09:00:00+08:00');
    const filed = await ok(FILE_REPAIR, { input }, citizen);
    const approved = await ok(
      `mutation($id: ID!) { decideRepair(id: $id, outcome: APPROVED, reasons: "已履行义务并作出信用承诺") { status } }`,
      { id: filed.fileRepairApplication.id },
      await creditOffice('CREDIT_REPAIR_REVIEW'),
    );
    expect(approved.decideRepair.status).toBe('APPROVED');
    await system.drain();

    const view = await ok(VIEW, { id: personId }, await creditOffice('JOINT_PUNISHMENT'));
    expect(view.person.creditRecords.edges).toEqual([]);
    expect(view.person.onSeriousDishonestyList).toBe(false);
    expect(view.person.integrityScore).toEqual({ value: 1000, contributions: [] });
    expect(punishments(view)).toEqual([]);

    const disclosures = await system.query(DISCLOSURES);
    expect(disclosures.body.data!.publicDisclosures.edges.map((e: any) => e.node.recordId)).not.toContain(recordId);

    const record = await ok(`query($id: ID!) { creditRecord(id: $id) { id } }`, { id: recordId }, await creditOffice('OBJECTION_REVIEW'));
    expect(record.creditRecord).toBeNull();
  });

  it('the change feed shows publication started and ended by repair, once each, in order', async () => {
    // The feed is open to PUBLIC_DISCLOSURE and AUDIT, not to a single-subject purpose (schema/src/entry-points.ts).
    const feed = await ok(FEED, {}, await creditOffice('PUBLIC_DISCLOSURE'));
    const ours = feed.creditRecordChanges.edges.map((e: any) => e.node).filter((n: any) => n.recordId === recordId);
    expect(ours).toEqual([
      { change: 'PUBLICATION_STARTED', reason: null, recordId },
      { change: 'PUBLICATION_ENDED', reason: 'REPAIRED', recordId },
    ]);
    const resumed = await ok(FEED, { after: feed.creditRecordChanges.pageInfo.endCursor }, await creditOffice('PUBLIC_DISCLOSURE'));
    expect(resumed.creditRecordChanges.edges).toEqual([]);
  });

  it('the archive still holds the repaired record, with its repair, for the auditor and the subject only', async () => {
    const ARCHIVE = `query($id: ID!) { creditRecord(id: $id) { id status repairedOn repair { id status } } }`;
    const archived = await ok(ARCHIVE, { id: recordId }, auditor);
    expect(archived.creditRecord).toMatchObject({ id: recordId, status: 'REPAIRED', repairedOn: '2027-05-06', repair: { status: 'APPROVED' } });
    // PIPL Art. 45: the subject consults their own archive; sharing with anyone else stopped (NDRC Order 36).
    const asSubject = await system.query(`query($id: ID!) { creditRecord(id: $id) { id status repairedOn } }`, { id: recordId }, citizen);
    expect(asSubject.body.data?.creditRecord).toEqual({ id: recordId, status: 'REPAIRED', repairedOn: '2027-05-06' });
    const officer = { token: await system.token({ role: 'OFFICER', department: 'other', sub: 'officer-archive' }), purpose: 'ADMINISTRATIVE_LICENSING' };
    const asOfficer = await system.query(`query($id: ID!) { creditRecord(id: $id) { id status } }`, { id: recordId }, officer);
    expect(asOfficer.body.data?.creditRecord ?? null).toBeNull();
  });
});

describe('cross-department delivery survives an outage (DESIGN §6)', () => {
  it('a repair approved while records is down is applied exactly once when it returns', async () => {
    const outage = await startSystem({ now: '2027-06-01T10:00:00+08:00', restartable: true });
    try {
      const office = { token: await outage.token({ role: 'CREDIT_OFFICE', sub: 'office-2' }), purpose: 'CREDIT_REPAIR_REVIEW' };
      const registered = await outage.graphql(`mutation { registerPerson(input: { name: "李四", citizenIdNumber: "440524188001010014" }) { id } }`);
      const subjectId = registered.data!.registerPerson.id;
      const submitted = await outage.graphql(
        `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`,
        { input: recordInput(subjectId, { severity: 'GENERAL', decidedOn: '2026-12-01' }) },
        await submitter(outage),
      );
      const id = submitted.data!.submitCreditRecord.id;
      await outage.drain();
      const filed = await outage.graphql(
        `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id } }`,
        { input: { recordId: id, basis: 'PENALTY_PAID', evidence: ['缴款凭证'], creditPledge: '诚信承诺', pledgeAccepted: true } },
        office,
      );
      expect(filed.errors).toBeUndefined();

      await outage.stop('records');
      const approved = await outage.graphql(`mutation($id: ID!) { decideRepair(id: $id, outcome: APPROVED) { status } }`, { id: filed.data!.fileRepairApplication.id }, office);
      expect(approved.data!.decideRepair.status).toBe('APPROVED');
      // The relay keeps the event while records is away.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await outage.subgraphs.disputes.relay!.pending()).toBeGreaterThan(0);

      await outage.start('records');
      await outage.drain();
      // Exactly once: one REPAIRED change told to each projection, whatever the retries.
      const told = await selectRows<{ n: number }>(
        outage.subgraphs.records.database.db,
        sql`select count(*)::int as n from records.outbox where type = 'record.changed' and payload->>'id' = ${id} and payload->>'status' = 'REPAIRED'`,
      );
      expect(told[0]!.n).toBe(2);
      const auditorAs = { token: await outage.token({ role: 'AUDITOR', sub: 'auditor-2' }), purpose: 'AUDIT' };
      const archived = await outage.graphql(`query($id: ID!) { creditRecord(id: $id) { status } }`, { id }, auditorAs);
      expect(archived.data!.creditRecord.status).toBe('REPAIRED');
      const feed = await outage.graphql(`{ creditRecordChanges(first: 100) { edges { node { change reason recordId } } } }`, {}, auditorAs);
      const ended = feed.data!.creditRecordChanges.edges.filter((e: any) => e.node.recordId === id && e.node.change === 'PUBLICATION_ENDED');
      expect(ended).toEqual([{ node: { change: 'PUBLICATION_ENDED', reason: 'REPAIRED', recordId: id } }]);
    } finally {
      await outage.close();
    }
  });
});
