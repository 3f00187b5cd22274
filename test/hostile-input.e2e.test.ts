/**
 * Hostile input (issue 16, point 6) through the real gateway, as callers the permit table lets
 * perform each mutation, so the input and not the permit is what is tested: bad input gets a 4xx or
 * an error with a stable code, never a 5xx, a stack trace or INTERNAL_SERVER_ERROR, and a refused
 * call changes no table of any department (fingerprints: row count and content of every table of
 * the four databases, before and after). The fuzz reads the mutations from the supergraph and
 * generates their arguments from its types (hostile-values.ts). HOSTILE_INPUT_RUNS sets the number
 * of generated operations (default 240), HOSTILE_INPUT_SEED replays a run (printed with the figures).
 */
import { readFileSync } from 'node:fs';
import { DEMO_DATASET, syntheticSlice } from '@credit/kit';
import { MUTATION_PERMITS, isMutationName, type OperationPermit } from '@credit/schema';
import { apiSchemaOfSupergraph } from '@credit/schema/classifications';
import fc from 'fast-check';
import type { GraphQLField, GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type CallAs, type GraphQLResponse, type System } from './harness.js';
import { literal, valueFor, EDGE_STRINGS, type Plausible } from './hostile-values.js';
import { fingerprinter, changedTables, describeChange, type Fingerprint } from './leak/fingerprint.js';
import { AUTHORITY, recordInput, submitter } from './queries.js';

const dataset = { persons: 6, seed: DEMO_DATASET.seed };
const subject = syntheticSlice(dataset, 1);
const SUBMIT = `mutation Submit($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`;
const RUNS = Number(process.env.HOSTILE_INPUT_RUNS ?? 240);
const SEED = process.env.HOSTILE_INPUT_SEED === undefined ? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0 : Number(process.env.HOSTILE_INPUT_SEED);
const AGENCY_SUB = 'agency-hostile-input';

const api = apiSchemaOfSupergraph(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'));
const MUTATIONS = Object.values(api.getMutationType()!.getFields());

let system: System;
let fingerprint: () => Promise<Fingerprint>;

beforeAll(async () => {
  system = await startSystem({ dataset });
  fingerprint = await fingerprinter((['identity', 'records', 'disputes', 'incentives'] as const).map((name) => ({ name, db: system.subgraphs[name].database.db })));
}, 300_000);
afterAll(() => system?.close());

/** Every error code of an answer (a batch's answers together; a refusal before GraphQL has its `error`). */
function codes(body: unknown): string[] {
  const answers = (Array.isArray(body) ? body : [body]) as (GraphQLResponse & { error?: string })[];
  return answers.flatMap((answer) => (answer?.error ? [answer.error] : (answer?.errors ?? []).map((e) => String(e.extensions?.code))));
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
    await system.drain();
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

/** A stack frame (its new line escaped in JSON), a source path or a stack trace field anywhere in an answer. */
const STACK_TRACE = /(\n|\\n)\s*at [^"]*[(/]|stacktrace|node_modules|\.[cm]?[jt]s:\d+:\d+/i;

interface Fixtures {
  plausible: Plausible;
  grantId: string;
}

/** Rows the STORED mutations can name (records, an objection, a repair application, a grant), written as their permitted callers would. */
async function createFixtures(): Promise<Fixtures> {
  const write = async (query: string, variables: Record<string, unknown>, as: CallAs) => {
    const { body } = await system.query(query, variables, as);
    if (body.errors || !body.data) throw new Error(`fixture write failed: ${JSON.stringify(body)}`);
    return Object.values(body.data)[0] as { id: string };
  };
  const officer = await submitter(system);
  const records = [];
  for (let i = 0; i < 3; i++) records.push((await write(SUBMIT, { input: recordInput(subject.person.id, { documentNumber: `京朝税罚〔2026〕${900 + i}号` }) }, officer)).id);
  await system.drain();
  const citizen = { token: await system.token({ role: 'CITIZEN', personId: subject.person.id, sub: 'citizen-hostile' }), purpose: 'SELF_ACCESS' };
  const objection = await write(`mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`, { input: { recordId: records[0], reasons: '认定事实有误' } }, citizen);
  const repair = await write(
    `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id } }`,
    { input: { recordId: records[1], basis: 'PENALTY_PAID', evidence: ['罚款缴纳凭证'], creditPledge: '本人承诺诚实守信。', pledgeAccepted: true } },
    citizen,
  );
  const expiresAt = new Date(system.clock.now().getTime() + 30 * 86_400_000).toISOString();
  const grant = await write(
    `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`,
    { input: { grantee: AGENCY_SUB, purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY', 'CREDIT_RECORDS', 'DISPUTES', 'INCENTIVES'], expiresAt } },
    citizen,
  );
  await system.drain();
  return {
    grantId: grant.id,
    plausible: {
      ids: [subject.person.id, syntheticSlice(dataset, 2).person.id, ...records, objection.id, repair.id, grant.id],
      texts: [AUTHORITY, '逃避缴纳税款', '110105', '《中华人民共和国税收征收管理法》第六十三条', '京朝税罚〔2026〕1号', '本人承诺诚实守信。', AGENCY_SUB, '认定事实有误', '张三'],
    },
  };
}

/** A caller the permit holds for: its role and purpose, and the row it may write (the subject, the officer's own department, the grantor). */
async function callerOf(permit: OperationPermit, purpose: string, grantId: string): Promise<CallAs> {
  switch (permit.rows) {
    case 'SELF':
      return { token: await system.token({ role: 'CITIZEN', personId: subject.person.id, sub: 'citizen-hostile' }), purpose };
    case 'GRANTOR':
      return { token: await system.token({ role: 'AGENCY', sub: AGENCY_SUB }), purpose, grant: grantId };
    default:
      return { token: await system.token({ role: permit.role as 'OFFICER', department: permit.role === 'OFFICER' ? AUTHORITY : 'credit-office', sub: `hostile-${permit.role}` }), purpose };
  }
}

type Form = 'variables' | 'literal' | 'batch' | 'operationName';

interface Call {
  args: Record<string, unknown>;
  permit: number;
  purpose: number;
  form: Form;
  /** Copies in a batch (form `batch`). */
  copies: number;
}

function callArbitrary(field: GraphQLField<unknown, unknown>, plausible: Plausible): fc.Arbitrary<Call> {
  const requiredKeys = field.args.filter((a) => String(a.type).endsWith('!')).map((a) => a.name);
  // Mostly hostile, or mostly plausible with a hostile leaf or two, which gets past the gateway's
  // checks into the departments' own (and sometimes writes).
  const args = (odds: number) => fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type, plausible, odds)])), { requiredKeys });
  return fc.record({
    args: fc.oneof(args(3), args(15)),
    permit: fc.nat(),
    purpose: fc.nat(),
    form: fc.constantFrom<Form>('variables', 'variables', 'literal', 'batch', 'operationName'),
    copies: fc.integer({ min: 2, max: 10 }),
  });
}

function operationText(field: GraphQLField<unknown, unknown>, call: Call): { query: string; variables: Record<string, unknown>; operationName?: string } {
  const present = field.args.filter((a) => call.args[a.name] !== undefined);
  if (call.form === 'literal') {
    const args = present.map((a) => `${a.name}: ${literal(call.args[a.name], a.type as GraphQLInputType)}`).join(', ');
    return { query: `mutation Hostile { ${field.name}${args ? `(${args})` : ''} { __typename } }`, variables: {} };
  }
  const definitions = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `mutation Hostile${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''} { __typename } }`;
  return { query, variables: call.args, ...(call.form === 'operationName' ? { operationName: EDGE_STRINGS[call.copies % EDGE_STRINGS.length] } : {}) };
}

const figures = { operations: 0, requests: 0, applied: 0, byStatus: new Map<number, number>(), byCode: new Map<string, number>(), slowest: { ms: 0, sent: '', answer: '' } };
const tally = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** One HTTP request to the gateway: the answer's own checks, and the databases' (unchanged unless a write was applied). */
async function send(body: unknown, as: CallAs, operations: number) {
  const before = await fingerprint();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as.token) headers.authorization = `Bearer ${as.token}`;
  if (as.purpose) headers['x-purpose'] = as.purpose;
  if (as.grant) headers['x-authorization-grant'] = as.grant;
  const started = performance.now();
  // A request left unanswered is a finding of its own, named as such rather than as the test's timeout.
  const response = await fetch(`${system.gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  const ms = performance.now() - started;
  if (ms > figures.slowest.ms) figures.slowest = { ms, sent: JSON.stringify(body).slice(0, 300), answer: text.slice(0, 300) };
  figures.requests++;
  figures.operations += operations;
  tally(figures.byStatus, response.status);
  expect(response.status, text.slice(0, 500)).toBeLessThan(500);
  expect(text).not.toMatch(STACK_TRACE);
  const answer = JSON.parse(text) as unknown;
  const answers = (Array.isArray(answer) ? answer : [answer]) as (GraphQLResponse & { error?: string })[];
  for (const a of answers) {
    for (const error of a.errors ?? []) {
      const code = error.extensions?.code;
      expect(typeof code, JSON.stringify(error).slice(0, 500)).toBe('string');
      expect(code, JSON.stringify(error).slice(0, 500)).not.toBe('INTERNAL_SERVER_ERROR');
      tally(figures.byCode, `${code}${error.extensions?.reason ? ` ${error.extensions.reason}` : ''}`);
    }
    if (a.error) tally(figures.byCode, a.error);
  }
  // A write whose answer the read policy withholds (FORBIDDEN_FIELD) was applied all the same.
  const applied = answers.some((a) => (a.data && Object.values(a.data).some((v) => v !== null)) || a.errors?.some((e) => e.extensions?.code === 'FORBIDDEN_FIELD'));
  if (applied) {
    figures.applied++;
    await system.drain();
    return;
  }
  expect(changedTables(before, await fingerprint()).map(describeChange), text.slice(0, 500)).toEqual([]);
}

describe('fuzz: generated hostile input for every mutation of the supergraph, as a caller permitted to call it', () => {
  let fixtures: Fixtures;
  beforeAll(async () => {
    fixtures = await createFixtures();
    console.info(`hostile input: seed ${SEED} (HOSTILE_INPUT_SEED=${SEED} replays it), ${RUNS} generated operations over ${MUTATIONS.length} mutations`);
  });
  afterAll(() => {
    const codes = [...figures.byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`);
    console.info(
      `hostile input: ${figures.operations} operations in ${figures.requests} requests (seed ${SEED}); HTTP ${[...figures.byStatus].map(([s, n]) => `${s}: ${n}`).join(', ')}; ` +
        `${figures.applied} applied; errors by code: ${codes.join(', ')}; slowest request ${Math.round(figures.slowest.ms)} ms (${figures.slowest.sent.slice(0, 200)})`,
    );
  });

  it('every mutation has a permitted caller in the permit table', () => {
    expect(MUTATIONS.map((m) => m.name).filter((name) => !isMutationName(name))).toEqual([]);
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))('%s', async (_name, field) => {
    const permits = MUTATION_PERMITS[field.name as keyof typeof MUTATION_PERMITS].permits as readonly OperationPermit[];
    await fc.assert(
      fc.asyncProperty(callArbitrary(field, fixtures.plausible), async (call) => {
        const permit = permits[call.permit % permits.length]!;
        const as = await callerOf(permit, permit.purposes[call.purpose % permit.purposes.length]!, fixtures.grantId);
        const operation = operationText(field, call);
        if (call.form === 'batch') await send(Array.from({ length: call.copies }, () => operation), as, call.copies);
        else await send(operation, as, 1);
      }),
      { seed: SEED, numRuns: Math.max(5, Math.ceil(RUNS / MUTATIONS.length)), endOnFailure: true },
    );
  });

  it('a batch of 100 operations is refused whole (HTTP 400), and so are 100 aliased mutations in one operation', async () => {
    const as = await submitter(system);
    const input = recordInput(subject.person.id, { summary: 'a\u0000b' });
    await send(Array.from({ length: 100 }, () => ({ query: SUBMIT, variables: { input } })), as, 100);
    const aliased = `mutation Many($input: SubmitCreditRecordInput!) { ${Array.from({ length: 100 }, (_, i) => `a${i}: submitCreditRecord(input: $input) { id }`).join(' ')} }`;
    await send({ query: aliased, variables: { input: recordInput(subject.person.id) } }, as, 1);
    expect(figures.byCode.get('TOO_MANY_ALIASES')).toBeGreaterThan(0);
  });

  it('malformed requests: variables of the wrong JSON type, injected query text, a body too large and the requests after it', async () => {
    const as = await submitter(system);
    for (const variables of ['{"input": {}}', [1, 2], 42, true]) await send({ query: SUBMIT, variables }, as, 1);
    await send({ query: `mutation { submitCreditRecord(input: "'; DROP TABLE x; --") { id } } } } {`, variables: {} }, as, 1);
    await send({ query: `${'{ a '.repeat(500)}${'}'.repeat(500)}` }, as, 1);
    await send({ query: SUBMIT, variables: { input: recordInput(subject.person.id, { summary: 'x'.repeat(5 * 1024 * 1024) }) } }, as, 1);
    // The refused body's unread rest once held up the next requests on the same kept-alive connection.
    for (let i = 0; i < 4; i++) await send({ query: SUBMIT, variables: { input: recordInput(subject.person.id, { decidedOn: '2026-02-30' }) } }, as, 1);
  });
});
