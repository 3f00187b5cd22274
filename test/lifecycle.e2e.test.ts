import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { recordInput, submitter } from './queries.js';

let system: System;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id status publicityEndsOn } }`;
const VIEW = `query($id: ID!) { person(id: $id) {
  creditRecords { edges { node { id status underObjection } } }
  integrityScore { value grade contributions { recordId points } }
  onSeriousDishonestyList
  objections { id status }
  repairs { id status }
} }`;


describe('a credit record across the four departments', () => {
  let personId: string;
  let recordId: string;
  let recentRecordId: string;

  it('rejects a bad citizen ID number at the gateway with a stable code and no stack trace', async () => {
    const result = await system.graphql(REGISTER, { input: { name: '赵六', citizenIdNumber: '110105194912310021' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHECKSUM' });
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('registers a person and records a negative decision that lowers the score', async () => {
    const registered = await system.graphql(REGISTER, { input: { name: '赵六', citizenIdNumber: '11010519491231002X' } });
    expect(registered.errors).toBeUndefined();
    personId = registered.data!.registerPerson.id;
    const submitted = await system.graphql(SUBMIT, { input: recordInput(personId) }, await submitter(system));
    expect(submitted.errors).toBeUndefined();
    recordId = submitted.data!.submitCreditRecord.id;
    // NDRC Order 36 (from 2026-04-01): GENERAL is published 3 months to 1 year, default the maximum.
    expect(submitted.data!.submitCreditRecord).toMatchObject({ status: 'ACTIVE', publicityEndsOn: '2027-05-10' });
    await system.drain();
    const view = await system.graphql(VIEW, { id: personId });
    expect(view.errors).toBeUndefined();
    expect(view.data!.person.integrityScore).toEqual({ value: 950, grade: 'B', contributions: [{ recordId, points: -50 }] });
  });

  it('a serious record puts the person on the serious-dishonesty list', async () => {
    const submitted = await system.graphql(
      SUBMIT,
      { input: recordInput(personId, { severity: 'SERIOUS', decidedOn: '2026-10-01', domain: 'FOOD_AND_DRUGS' }) },
      await submitter(system),
    );
    expect(submitted.errors).toBeUndefined();
    recentRecordId = submitted.data!.submitCreditRecord.id;
    await system.drain();
    const view = await system.graphql(VIEW, { id: personId });
    expect(view.data!.person.onSeriousDishonestyList).toBe(true);
    expect(view.data!.person.integrityScore.value).toBe(750);
  });

  it('an objection flags the record in the records subgraph', async () => {
    const filed = await system.graphql(`mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id status } }`, {
      input: { recordId, reasons: '处罚所依据的事实有误' },
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection.status).toBe('SUBMITTED');
    await system.drain();
    const view = await system.graphql(VIEW, { id: personId });
    const record = view.data!.person.creditRecords.edges.map((e: any) => e.node).find((r: any) => r.id === recordId);
    expect(record.underObjection).toBe(true);
    expect(view.data!.person.objections).toEqual([{ id: filed.data!.fileObjection.id, status: 'SUBMITTED' }]);
  });

  it('repair is refused before the minimum publicity period and accepted from its last day on', async () => {
    const FILE_REPAIR = `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id status } }`;
    const input = {
      recordId: recentRecordId,
      basis: 'PENALTY_PAID',
      evidence: ['罚款缴纳凭证'],
      creditPledge: '本人承诺所提交材料真实有效，并将依法诚信经营。',
      pledgeAccepted: true,
    };
    // SERIOUS under Order 36: minimum one year from 2026-10-01.
    const reviewer = { token: await system.token({ role: 'CREDIT_OFFICE', sub: 'repair-reviewer' }), purpose: 'CREDIT_REPAIR_REVIEW' };
    const early = await system.graphql(FILE_REPAIR, { input }, reviewer);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MINIMUM_PERIOD_NOT_PASSED' });
    system.clock.set('2027-10-01T09:00:00+08:00');
    const onTime = await system.graphql(FILE_REPAIR, { input }, reviewer);
    expect(onTime.errors).toBeUndefined();
    expect(onTime.data!.fileRepairApplication.status).toBe('SUBMITTED');
  });

  it('a record leaves the view and the score on its publicity end date', async () => {
    system.clock.set('2027-05-09T23:00:00+08:00');
    const before = await system.graphql(VIEW, { id: personId });
    expect(before.data!.person.creditRecords.edges.map((e: any) => e.node.id)).toContain(recordId);
    system.clock.set('2027-05-10T00:00:01+08:00');
    const after = await system.graphql(VIEW, { id: personId });
    expect(after.data!.person.creditRecords.edges.map((e: any) => e.node.id)).not.toContain(recordId);
    expect(after.data!.person.integrityScore.contributions.map((c: any) => c.recordId)).not.toContain(recordId);
    // Out of publication, the record is archived: the credit office no longer reads it, the auditor does.
    const READ = `query($id: ID!) { creditRecord(id: $id) { status } }`;
    expect((await system.graphql(READ, { id: recordId })).data!.creditRecord).toBeNull();
    const auditor = { token: await system.token({ role: 'AUDITOR', sub: 'auditor' }), purpose: 'AUDIT' };
    const expired = await system.graphql(READ, { id: recordId }, auditor);
    expect(expired.data!.creditRecord.status).toBe('EXPIRED');
  });
});
