import { randomUUID } from 'node:crypto';
import { ManualClock } from '@credit/kit';
import type { CallerContext } from '@credit/schema';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, citizen, creditOffice, OBJECTION_REVIEWER, officer, REPAIR_REVIEWER } from './callers.testing.js';
import { objections, outbox, repairApplications } from './db/schema.js';
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
const OVERDUE = `{ overdueObjections { edges { node { id } } } }`;
const OPEN_OBJECTIONS = `{ openObjections { edges { node { id status subject { id } } } } }`;
const SUBMITTED_REPAIRS = `{ submittedRepairs { edges { node { id status subject { id } } } } }`;

const repairInput = (recordId: string) => ({
  recordId,
  basis: 'PENALTY_PAID',
  evidence: ['缴款凭证.pdf'],
  creditPledge: '本人承诺今后诚实守信。',
  pledgeAccepted: true,
});

const ANONYMOUS = caller('PUBLIC');
const AUDITOR = caller('AUDITOR', 'AUDIT');
const ANALYST = caller('ANALYST', 'STATISTICS');

async function writes() {
  const [[o], [r], [e]] = await Promise.all([
    t.db.select({ n: count() }).from(objections),
    t.db.select({ n: count() }).from(repairApplications),
    t.db.select({ n: count() }).from(outbox),
  ]);
  return { objections: o!.n, repairs: r!.n, outbox: e!.n };
}

/** The operation is refused with FORBIDDEN_OPERATION and writes nothing. */
async function forbidden(query: string, variables: Record<string, unknown>, caller: CallerContext) {
  const before = await writes();
  const result = await t.disputes.execute(query, variables, caller);
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_OPERATION']);
  expect(await writes()).toEqual(before);
  return result.errors![0]!.extensions!;
}

async function allowed(query: string, variables: Record<string, unknown>, caller: CallerContext) {
  const result = await t.disputes.execute(query, variables, caller);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as { id: string; status: string; filedBy?: string };
}

const fileObjection = async (caller: CallerContext = OBJECTION_REVIEWER) => {
  const record = await t.published();
  return { record, objection: await allowed(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, caller) };
};

describe('fileObjection', () => {
  it('is open to the subject, the credit office (either filer) and an officer as determining authority', async () => {
    const record = await t.published();
    expect(await allowed(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, citizen(record.subjectId))).toMatchObject({ filedBy: 'SUBJECT' });
    for (const [caller, filedBy] of [
      [OBJECTION_REVIEWER, 'SUBJECT'],
      [OBJECTION_REVIEWER, 'DETERMINING_AUTHORITY'],
      [officer(), 'DETERMINING_AUTHORITY'],
      [officer('JOINT_PUNISHMENT'), 'DETERMINING_AUTHORITY'],
    ] as const) {
      const other = await t.published();
      expect(await allowed(FILE_OBJECTION, { input: { recordId: other.id, reasons: '事实有误', filedBy } }, caller)).toMatchObject({ filedBy });
    }
  });

  it.each([
    ['an anonymous caller', ANONYMOUS],
    ['the credit office reviewing repairs', REPAIR_REVIEWER],
    ['the credit office without a purpose', caller('CREDIT_OFFICE', null)],
    ['an auditor', AUDITOR],
    ['an analyst', ANALYST],
  ])('refuses %s', async (_name, caller) => {
    const record = await t.published();
    expect(await forbidden(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, caller)).toMatchObject({ operation: 'fileObjection' });
  });

  it('refuses a citizen on someone else’s record, or without a person', async () => {
    const record = await t.published();
    expect(await forbidden(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, citizen(randomUUID()))).toMatchObject({ reason: 'NOT_SELF' });
    expect(await forbidden(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, caller('CITIZEN', 'SELF_ACCESS'))).toMatchObject({ reason: 'NOT_SELF' });
  });

  it('refuses a citizen filing as the determining authority, and an officer filing as the subject', async () => {
    const record = await t.published();
    const asAuthority = { input: { recordId: record.id, reasons: '事实有误', filedBy: 'DETERMINING_AUTHORITY' } };
    expect(await forbidden(FILE_OBJECTION, asAuthority, citizen(record.subjectId))).toMatchObject({ field: 'filedBy', reason: 'FILER_NOT_ALLOWED' });
    const asSubject = { input: { recordId: record.id, reasons: '事实有误', filedBy: 'SUBJECT' } };
    expect(await forbidden(FILE_OBJECTION, asSubject, officer())).toMatchObject({ field: 'filedBy', reason: 'FILER_NOT_ALLOWED' });
  });

  it('files as the caller’s own filer when filedBy is omitted: SUBJECT for a citizen and the credit office, DETERMINING_AUTHORITY for an officer', async () => {
    for (const [caller, filedBy] of [
      [(subjectId: string) => citizen(subjectId), 'SUBJECT'],
      [() => officer(), 'DETERMINING_AUTHORITY'],
      [() => officer('JOINT_PUNISHMENT'), 'DETERMINING_AUTHORITY'],
      [() => OBJECTION_REVIEWER, 'SUBJECT'],
    ] as const) {
      const record = await t.published();
      for (const input of [{ recordId: record.id, reasons: '事实有误' }, { recordId: record.id, reasons: '事实有误', filedBy: null }]) {
        const filed = await allowed(FILE_OBJECTION, { input }, caller(record.subjectId));
        expect(filed).toMatchObject({ filedBy });
        expect((await t.db.select().from(objections).where(eq(objections.id, filed.id)))[0]!.filedBy).toBe(filedBy);
        await allowed(WITHDRAW, { id: filed.id }, OBJECTION_REVIEWER);
      }
    }
  });
});

describe('fileRepairApplication', () => {
  it('is open to the subject and the credit office reviewing repairs', async () => {
    const own = await t.published();
    await allowed(FILE_REPAIR, { input: repairInput(own.id) }, citizen(own.subjectId));
    const other = await t.published();
    await allowed(FILE_REPAIR, { input: repairInput(other.id) }, REPAIR_REVIEWER);
  });

  it.each([
    ['a citizen on someone else’s record', citizen(randomUUID())],
    ['an officer', officer()],
    ['the credit office reviewing objections', OBJECTION_REVIEWER],
    ['an anonymous caller', ANONYMOUS],
  ])('refuses %s', async (_name, caller) => {
    const record = await t.published();
    await forbidden(FILE_REPAIR, { input: repairInput(record.id) }, caller);
  });
});

describe('objection review', () => {
  const wrongCallers = [
    ['an anonymous caller', ANONYMOUS],
    ['the subject', null],
    ['an officer', officer()],
    ['the credit office reviewing repairs', REPAIR_REVIEWER],
    ['the credit office for statistics', creditOffice('STATISTICS')],
    ['an auditor', AUDITOR],
  ] as const;

  it.each(wrongCallers)('refuses decideObjection and forwardObjection to %s', async (_name, caller) => {
    const { record, objection } = await fileObjection();
    for (const query of [DECIDE, FORWARD]) await forbidden(query, { id: objection.id }, caller ?? citizen(record.subjectId));
    expect((await t.db.select().from(objections).where(eq(objections.id, objection.id)))[0]!.status).toBe('SUBMITTED');
  });

  it('opens decideObjection and forwardObjection to the credit office reviewing objections', async () => {
    const forwarded = await fileObjection();
    expect(await allowed(FORWARD, { id: forwarded.objection.id }, OBJECTION_REVIEWER)).toMatchObject({ status: 'FORWARDED' });
    expect(await allowed(DECIDE, { id: forwarded.objection.id }, OBJECTION_REVIEWER)).toMatchObject({ status: 'REJECTED' });
  });

  it('opens withdrawObjection to the subject and the credit office, no one else', async () => {
    const bySubject = await fileObjection();
    await forbidden(WITHDRAW, { id: bySubject.objection.id }, citizen(randomUUID()));
    await forbidden(WITHDRAW, { id: bySubject.objection.id }, officer());
    await forbidden(WITHDRAW, { id: bySubject.objection.id }, REPAIR_REVIEWER);
    await forbidden(WITHDRAW, { id: bySubject.objection.id }, ANONYMOUS);
    expect(await allowed(WITHDRAW, { id: bySubject.objection.id }, citizen(bySubject.record.subjectId))).toMatchObject({ status: 'WITHDRAWN' });
    const byOffice = await fileObjection();
    expect(await allowed(WITHDRAW, { id: byOffice.objection.id }, OBJECTION_REVIEWER)).toMatchObject({ status: 'WITHDRAWN' });
  });

  it.each([...wrongCallers.filter(([, caller]) => caller !== null), ['a citizen', citizen(randomUUID())] as const])(
    'refuses overdueObjections to %s',
    async (_name, caller) => {
      expect(await forbidden(OVERDUE, {}, caller!)).toMatchObject({ operation: 'overdueObjections' });
    },
  );

  it('opens overdueObjections to the credit office reviewing objections', async () => {
    expect((await t.disputes.execute(OVERDUE, {}, OBJECTION_REVIEWER)).errors).toBeUndefined();
  });

  it.each([...wrongCallers.filter(([, caller]) => caller !== null), ['a citizen', citizen(randomUUID())] as const, ['an analyst', ANALYST] as const])(
    'refuses openObjections, the objection review queue, to %s',
    async (_name, caller) => {
      await fileObjection();
      expect(await forbidden(OPEN_OBJECTIONS, {}, caller!)).toMatchObject({ operation: 'openObjections', allowed: ['CREDIT_OFFICE × OBJECTION_REVIEW'] });
    },
  );

  it('opens openObjections to the credit office reviewing objections', async () => {
    await fileObjection();
    const result = await t.disputes.execute(OPEN_OBJECTIONS, {}, OBJECTION_REVIEWER);
    expect(result.errors).toBeUndefined();
    expect((result.data!.openObjections as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
  });
});

describe('repair review queue', () => {
  it.each([
    ['an anonymous caller', ANONYMOUS],
    ['the subject', null],
    ['an officer', officer()],
    ['an officer reviewing repairs', officer('CREDIT_REPAIR_REVIEW')],
    ['the credit office reviewing objections', OBJECTION_REVIEWER],
    ['the credit office without a purpose', caller('CREDIT_OFFICE', null)],
    ['an auditor', AUDITOR],
    ['an analyst', ANALYST],
  ] as const)('refuses submittedRepairs to %s', async (_name, caller) => {
    const record = await t.published();
    await allowed(FILE_REPAIR, { input: repairInput(record.id) }, REPAIR_REVIEWER);
    expect(await forbidden(SUBMITTED_REPAIRS, {}, caller ?? citizen(record.subjectId))).toMatchObject({
      operation: 'submittedRepairs',
      allowed: ['CREDIT_OFFICE × CREDIT_REPAIR_REVIEW'],
    });
  });

  it('opens submittedRepairs to the credit office reviewing repairs', async () => {
    const record = await t.published();
    await allowed(FILE_REPAIR, { input: repairInput(record.id) }, REPAIR_REVIEWER);
    const result = await t.disputes.execute(SUBMITTED_REPAIRS, {}, REPAIR_REVIEWER);
    expect(result.errors).toBeUndefined();
    expect((result.data!.submittedRepairs as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
  });
});

describe('decideRepair', () => {
  it.each([
    ['the subject', null],
    ['the credit office reviewing objections', OBJECTION_REVIEWER],
    ['an officer', officer()],
    ['an anonymous caller', ANONYMOUS],
  ] as const)('refuses %s', async (_name, caller) => {
    const record = await t.published();
    const repair = await allowed(FILE_REPAIR, { input: repairInput(record.id) }, REPAIR_REVIEWER);
    await forbidden(DECIDE_REPAIR, { id: repair.id }, caller ?? citizen(record.subjectId));
    expect(await allowed(DECIDE_REPAIR, { id: repair.id }, REPAIR_REVIEWER)).toMatchObject({ status: 'APPROVED' });
  });
});
