/**
 * Issue 10 through the real gateway: a write the permit table refuses is refused before planning,
 * no subgraph is asked, nothing is stored (checked in the databases), and the attempt is in the
 * query log as REFUSED; a permitted write is logged APPLIED with whose data it changed.
 */
import { DEMO_DATASET, selectRows, syntheticDataset, syntheticSlice } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { recordInput } from './queries.js';

const dataset = { persons: 12, seed: DEMO_DATASET.seed };
const alice = syntheticSlice(dataset, 2);
const bob = syntheticSlice(dataset, 3);
const TAX = '某市税务局';

const SUBMIT = `mutation Submit($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id determiningAuthority } }`;
const REGISTER = `mutation Register($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const OBJECT = `mutation Object($input: FileObjectionInput!) { fileObjection(input: $input) { id status } }`;

let system: System;
beforeAll(async () => {
  system = await startSystem({ dataset });
});
afterAll(() => system?.close());

async function count(name: 'identity' | 'records' | 'disputes', table: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(system.subgraphs[name].database.db, sql.raw(`select count(*)::int as n from ${name}.${table}`));
  return row!.n;
}

async function writesLogged(principal: string, mutation: string) {
  return selectRows<{ outcome: string; person_ids: string[]; mutation: string }>(
    system.gateway.auditDatabase.db,
    sql`select outcome, person_ids, mutation from gateway.audit_log where principal_sub = ${principal} and mutation = ${mutation} order by seq`,
  );
}

const officer = (department: string | undefined, purpose = 'JOINT_PUNISHMENT', sub = `officer-${department ?? 'none'}`) =>
  system.token({ role: 'OFFICER', department, sub }).then((token) => ({ token, purpose }));

describe('a write the permit table refuses', () => {
  it('a citizen submitting a serious record about somebody else: refused before planning, nothing stored, logged REFUSED', async () => {
    const records = await count('records', 'credit_records');
    const statements = system.statements();
    const token = await system.token({ role: 'CITIZEN', personId: alice.person.id, sub: 'citizen-alice' });
    const { status, body } = await system.query(SUBMIT, { input: recordInput(bob.person.id, { severity: 'SERIOUS' }) }, { token });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      { message: expect.any(String), path: ['submitCreditRecord'], extensions: { code: 'FORBIDDEN_OPERATION', operation: 'submitCreditRecord', reason: 'NO_PERMIT' } },
    ]);
    expect(system.statements()).toBe(statements);
    expect(await count('records', 'credit_records')).toBe(records);
    expect(await writesLogged('citizen-alice', 'submitCreditRecord')).toEqual([{ outcome: 'REFUSED', person_ids: [bob.person.id], mutation: 'submitCreditRecord' }]);
  });

  it('an agency registering a person: refused, identity unchanged', async () => {
    const persons = await count('identity', 'persons');
    const token = await system.token({ role: 'AGENCY', sub: 'agency-1' });
    const { body } = await system.query(REGISTER, { input: { name: '王五', citizenIdNumber: '440524188001010014' } }, { token, purpose: 'AUTHORIZED_QUERY' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_OPERATION', reason: 'NO_PERMIT' });
    expect(await count('identity', 'persons')).toBe(persons);
  });

  it('an officer filing under another authority’s name: NOT_OWN_DEPARTMENT, nothing stored', async () => {
    const records = await count('records', 'credit_records');
    const { body } = await system.query(SUBMIT, { input: recordInput(bob.person.id, { determiningAuthority: '某市市场监管局' }) }, await officer(TAX));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_OPERATION', reason: 'NOT_OWN_DEPARTMENT' });
    expect(await count('records', 'credit_records')).toBe(records);
  });

  it('refuses the whole operation when one of its mutation fields is refused', async () => {
    const persons = await count('identity', 'persons');
    const { body } = await system.query(
      `mutation Two($input: RegisterPersonInput!, $record: SubmitCreditRecordInput!) { registerPerson(input: $input) { id } other: submitCreditRecord(input: $record) { id } }`,
      { input: { name: '赵六', citizenIdNumber: '11010519491231002X' }, record: recordInput(bob.person.id) },
      { token: await system.token({ role: 'CREDIT_OFFICE', sub: 'office-1' }), purpose: 'OBJECTION_REVIEW' },
    );
    expect(body.data).toBeNull();
    expect(body.errors).toMatchObject([{ path: ['other'], extensions: { code: 'FORBIDDEN_OPERATION', operation: 'submitCreditRecord' } }]);
    expect(await count('identity', 'persons')).toBe(persons);
  });

  it('an officer objecting, as the determining authority, to another department’s record: refused by disputes, nothing stored', async () => {
    const record = [...syntheticDataset(dataset)].flatMap((slice) => slice.records).find((r) => r.kind === 'NEGATIVE');
    expect(record, 'the data set has a negative record').toBeDefined();
    const objections = await count('disputes', 'objections');
    const { body } = await system.query(
      OBJECT,
      { input: { recordId: record!.id, filedBy: 'DETERMINING_AUTHORITY', reasons: '事实认定有误' } },
      await officer(`not-${record!.determiningAuthority}`, 'ADMINISTRATIVE_LICENSING'),
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_OPERATION', reason: 'NOT_OWN_DEPARTMENT' });
    expect(await count('disputes', 'objections')).toBe(objections);
  });
});

describe('a permitted write', () => {
  it('takes the determining authority from the officer’s token and is logged APPLIED with its subject', async () => {
    const input: Record<string, unknown> = recordInput(bob.person.id, { documentNumber: '税罚〔2026〕901号' });
    delete input.determiningAuthority;
    const { body } = await system.query(SUBMIT, { input }, await officer(TAX, 'JOINT_PUNISHMENT', 'officer-tax-applied'));
    expect(body.errors).toBeUndefined();
    expect(body.data!.submitCreditRecord).toMatchObject({ determiningAuthority: TAX });
    expect(await writesLogged('officer-tax-applied', 'submitCreditRecord')).toEqual([
      { outcome: 'APPLIED', person_ids: [bob.person.id], mutation: 'submitCreditRecord' },
    ]);
  });

  it('names the operation in the query log from the document when the client sends no operationName', async () => {
    const rows = await selectRows<{ operation_name: string | null }>(
      system.gateway.auditDatabase.db,
      sql`select operation_name from gateway.audit_log where principal_sub = 'officer-tax-applied'`,
    );
    expect(rows).toEqual([{ operation_name: 'Submit' }]);
  });

  it('shows in the subject’s myAccessLog as a change, and in accessLog filtered to writes', async () => {
    const token = await system.token({ role: 'CITIZEN', personId: bob.person.id, sub: 'citizen-bob' });
    const mine = await system.query(`{ myAccessLog(first: 50) { edges { node { role purpose mutation outcome } } } }`, {}, { token });
    expect(mine.body.errors).toBeUndefined();
    const nodes = (mine.body.data!.myAccessLog.edges as { node: Record<string, unknown> }[]).map((e) => e.node);
    expect(nodes).toEqual(expect.arrayContaining([
      { role: 'OFFICER', purpose: 'JOINT_PUNISHMENT', mutation: 'submitCreditRecord', outcome: 'APPLIED' },
      { role: 'CITIZEN', purpose: 'SELF_ACCESS', mutation: 'submitCreditRecord', outcome: 'REFUSED' },
    ]));
    const auditor = await system.token({ role: 'AUDITOR', sub: 'auditor-1' });
    const log = await system.query(
      `{ accessLog(filter: { writes: true, outcome: REFUSED }, first: 100) { edges { node { principal mutation outcome personIds } } } }`,
      {},
      { token: auditor, purpose: 'AUDIT' },
    );
    expect(log.body.errors).toBeUndefined();
    const refused = (log.body.data!.accessLog.edges as { node: { mutation: string; outcome: string } }[]).map((e) => e.node);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(refused.every((n) => n.mutation && n.outcome === 'REFUSED')).toBe(true);
  });
});
