/**
 * Hostile input (issue 16, point 6) through the real gateway, as callers the permit table lets
 * perform each mutation, so the input and not the permit is what is tested: bad input gets a 4xx or
 * an error with a stable code, never a 5xx, a stack trace or INTERNAL_SERVER_ERROR, and a refused
 * call changes no table of any department (fingerprints before and after).
 */
import { DEMO_DATASET, syntheticSlice } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type GraphQLResponse, type System } from './harness.js';
import { fingerprinter, changedTables, describeChange, type Fingerprint } from './leak/fingerprint.js';
import { AUTHORITY, recordInput, submitter } from './queries.js';

const dataset = { persons: 6, seed: DEMO_DATASET.seed };
const subject = syntheticSlice(dataset, 1);
const SUBMIT = `mutation Submit($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`;

let system: System;
let fingerprint: () => Promise<Fingerprint>;

beforeAll(async () => {
  system = await startSystem({ dataset });
  fingerprint = await fingerprinter((['identity', 'records', 'disputes', 'incentives'] as const).map((name) => ({ name, db: system.subgraphs[name].database.db })));
});
afterAll(() => system?.close());

/** Every error code of an answer (a batch's answers together). */
function codes(body: unknown): string[] {
  const answers = (Array.isArray(body) ? body : [body]) as GraphQLResponse[];
  return answers.flatMap((answer) => (answer?.errors ?? []).map((e) => String(e.extensions?.code)));
}

/** Sends `query` and checks that it was refused with `code` (and `reason`) and changed nothing. */
async function expectRefused(query: string, variables: Record<string, unknown>, expected: { code: string; reason?: string }) {
  const before = await fingerprint();
  const { status, body } = await system.query(query, variables, await submitter(system));
  expect(status).toBeLessThan(500);
  expect(body.errors?.[0]?.extensions, JSON.stringify(body)).toMatchObject(expected);
  expect(codes(body)).not.toContain('INTERNAL_SERVER_ERROR');
  expect(changedTables(before, await fingerprint()).map(describeChange)).toEqual([]);
}

describe('custom scalars are checked at the gateway, in variables as in literals', () => {
  it.each([
    ['decidedOn', '2026-13-45'],
    ['decidedOn', '2026-02-30'],
    ['publicityEndsOn', '-1'],
    ['decidedOn', 20260510],
  ])('%s: %j in a variable is BAD_USER_INPUT, INVALID_DATE', async (field, value) => {
    await expectRefused(SUBMIT, { input: recordInput(subject.person.id, { [field]: value }) }, { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' });
  });

  it('the same date as a literal: BAD_USER_INPUT, INVALID_DATE', async () => {
    const literal = `mutation { submitCreditRecord(input: { subjectId: "${subject.person.id}", kind: NEGATIVE, severity: GENERAL, domain: TAXATION, category: ADMINISTRATIVE_ACT,
      regionCode: "110105", determiningAuthority: "${AUTHORITY}", documentNumber: "京朝税罚〔2026〕77号", legalBasis: "第六十三条", decidedOn: "2026-13-45", summary: "逃税" }) { id } }`;
    await expectRefused(literal, {}, { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' });
  });
});

describe('text that is not text is refused before it reaches SQL', () => {
  it.each([
    ['summary', 'a\u0000b'],
    ['documentNumber', '京\u0000号'],
    ['legalBasis', 'x\uD800y'],
    ['summary', '\uDC00'],
    ['summary', 'ring\u0007bell'],
  ])('%s with %j: BAD_USER_INPUT, INVALID_TEXT', async (field, value) => {
    await expectRefused(SUBMIT, { input: recordInput(subject.person.id, { [field]: value }) }, { code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
  });

  it('a NUL in the determining authority is INVALID_TEXT, not a permit refusal', async () => {
    const { status, body } = await system.query(SUBMIT, { input: recordInput(subject.person.id, { determiningAuthority: `${AUTHORITY}\u0000` }) }, await submitter(system));
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
  });

  it('a huge string is refused TOO_LONG at the gateway, whatever field it is in', async () => {
    await expectRefused(SUBMIT, { input: recordInput(subject.person.id, { regionCode: '1'.repeat(100_000) }) }, { code: 'BAD_USER_INPUT', reason: 'TOO_LONG' });
  });

  it('RTL marks, combining characters, emoji and full-width digits are text: the record is stored', async () => {
    const summary = '\u202Eأ\u200F e\u0301 🧾👨‍👩‍👧 １２３';
    const { body } = await system.query(SUBMIT, { input: recordInput(subject.person.id, { summary, documentNumber: '京朝税罚〔２０２６〕１号' }) }, await submitter(system));
    expect(body.errors).toBeUndefined();
    expect(body.data?.submitCreditRecord).toMatchObject({ id: expect.any(String) });
  });
});

describe('a subgraph refusing the request it was sent', () => {
  it('straight to the subgraph: a NUL is refused there too (INVALID_TEXT, HTTP 200)', async () => {
    const input = recordInput(subject.person.id, { summary: 'a\u0000b' });
    const before = await fingerprint();
    const result = await system.subgraphs.records.execute(SUBMIT, { input }, {
      principal: { sub: 'officer', role: 'OFFICER', department: AUTHORITY },
      purpose: 'JOINT_PUNISHMENT',
      grantId: null,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });
});
