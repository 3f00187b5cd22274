import type { Principal } from '@credit/schema';
import fc from 'fast-check';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { leakApi } from './api.js';
import { materialize, writePlanArbitrary, type DrawContext, type WriteCaller } from './mutation-operations.js';
import { expectedVerdict, judgeWrite, writeFacts, type WriteAnswer } from './mutation-oracle.js';
import { WriteWorld } from './mutation-world.js';

const SELF = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const MISSING = '00000000-0000-4000-8000-000000000001';
const A = '北京市朝阳区税务局';
const B = '北京市海淀区市场监督管理局';

function world(): WriteWorld {
  const w = new WriteWorld();
  w.addPerson(SELF, '11010519491231002X');
  w.addPerson(OTHER, '440524188001010014');
  w.records.set('r-self-a', { id: 'r-self-a', subjectId: SELF, authority: A, kind: 'NEGATIVE', live: true });
  w.records.set('r-other-b', { id: 'r-other-b', subjectId: OTHER, authority: B, kind: 'NEGATIVE', live: true });
  w.objections.set('o-self', { id: 'o-self', recordId: 'r-self-a', subjectId: SELF, authority: A, live: true, filedToday: true });
  w.objections.set('o-other', { id: 'o-other', recordId: 'r-other-b', subjectId: OTHER, authority: B, live: true, filedToday: false });
  w.repairs.set('x-other', { id: 'x-other', recordId: 'r-other-b', subjectId: OTHER, authority: B, live: true });
  w.grants.set('g-self', { id: 'g-self', subjectId: SELF, live: true });
  return w;
}

const citizen: Principal = { sub: 'c', role: 'CITIZEN', personId: SELF };
const officerA: Principal = { sub: 'o', role: 'OFFICER', department: A };
const office: Principal = { sub: 'co', role: 'CREDIT_OFFICE', department: 'credit-office' };

describe('writeFacts', () => {
  const w = world();
  it('takes a stored row’s subject and authority from the world, and nothing for a row it does not know', () => {
    expect(writeFacts('withdrawObjection', { id: 'o-self' }, citizen, w)).toEqual({ subjectId: SELF, authority: A });
    expect(writeFacts('fileObjection', { input: { recordId: 'r-other-b' } }, citizen, w)).toEqual({ subjectId: OTHER, authority: B });
    expect(writeFacts('revokeAuthorization', { id: 'g-self' }, citizen, w)).toEqual({ subjectId: SELF, authority: null });
    expect(writeFacts('decideRepair', { id: MISSING }, office, w)).toEqual({ subjectId: null, authority: null });
    expect(writeFacts('fileRepairApplication', { input: { recordId: 'not-an-id' } }, citizen, w)).toEqual({ subjectId: null, authority: null });
  });

  it('takes an argument operation’s facts from the input, a record’s authority from the token when the input names none', () => {
    expect(writeFacts('submitCreditRecord', { input: { subjectId: OTHER } }, officerA, w)).toEqual({ subjectId: OTHER, authority: A });
    expect(writeFacts('submitCreditRecord', { input: { subjectId: OTHER, determiningAuthority: B } }, officerA, w)).toEqual({ subjectId: OTHER, authority: B });
    expect(writeFacts('nominateRedList', { input: { personId: SELF, nominatingDepartment: B } }, officerA, w)).toEqual({ subjectId: SELF, authority: B });
    expect(writeFacts('grantAuthorization', { input: {} }, citizen, w)).toEqual({ subjectId: SELF });
    expect(writeFacts('registerPerson', { input: {} }, office, w)).toEqual({});
  });
});

describe('expectedVerdict', () => {
  const w = world();
  const verdict = (mutation: Parameters<typeof writeFacts>[0], args: Record<string, unknown>, principal: Principal, purpose: Parameters<typeof expectedVerdict>[2]) =>
    expectedVerdict(mutation, principal, purpose, writeFacts(mutation, args, principal, w));

  it('lets a citizen act on their own rows only, a missing row counting as somebody else’s', () => {
    expect(verdict('withdrawObjection', { id: 'o-self' }, citizen, 'SELF_ACCESS')).toEqual({ allowed: true, scopes: [] });
    expect(verdict('withdrawObjection', { id: 'o-other' }, citizen, 'SELF_ACCESS')).toEqual({ allowed: false, reason: 'NOT_SELF' });
    expect(verdict('withdrawObjection', { id: MISSING }, citizen, 'SELF_ACCESS')).toEqual({ allowed: false, reason: 'NOT_SELF' });
    expect(verdict('withdrawObjection', { id: 'o-self' }, citizen, 'PUBLIC_DISCLOSURE')).toEqual({ allowed: false, reason: 'NO_PERMIT' });
  });

  it('lets an officer act on their own department’s records only', () => {
    expect(verdict('fileObjection', { input: { recordId: 'r-self-a' } }, officerA, 'JOINT_PUNISHMENT').allowed).toBe(true);
    expect(verdict('fileObjection', { input: { recordId: 'r-other-b' } }, officerA, 'JOINT_PUNISHMENT')).toEqual({ allowed: false, reason: 'NOT_OWN_DEPARTMENT' });
    const noDepartment: Principal = { sub: 'o2', role: 'OFFICER' };
    expect(verdict('submitCreditRecord', { input: { subjectId: SELF } }, noDepartment, 'ADMINISTRATIVE_LICENSING')).toEqual({ allowed: false, reason: 'NOT_OWN_DEPARTMENT' });
    expect(verdict('submitCreditRecord', { input: { subjectId: SELF, determiningAuthority: B } }, officerA, 'ADMINISTRATIVE_LICENSING')).toEqual({
      allowed: false,
      reason: 'NOT_OWN_DEPARTMENT',
    });
  });

  it('lets the reviewing credit office act on any row, a missing one included', () => {
    expect(verdict('decideRepair', { id: MISSING }, office, 'CREDIT_REPAIR_REVIEW').allowed).toBe(true);
    expect(verdict('decideRepair', { id: 'x-other' }, office, 'OBJECTION_REVIEW')).toEqual({ allowed: false, reason: 'NO_PERMIT' });
  });
});

describe('judgeWrite', () => {
  const refused = { allowed: false, reason: 'NOT_SELF' } as const;
  const allowed = { allowed: true, scopes: [] } as const;
  const forbidden = (path?: string[]): WriteAnswer => ({
    status: 200,
    body: { data: { withdrawObjection: null }, errors: [{ message: 'no', path, extensions: { code: 'FORBIDDEN_OPERATION' } }] },
  });
  const change = [{ table: 'disputes.objections', before: { rows: 1, md5: 'a' }, after: { rows: 1, md5: 'b' } }];
  const judge = (verdict: typeof refused | typeof allowed, answer: WriteAnswer, changes = [] as typeof change, route: 'gateway' | 'direct' = 'gateway') =>
    judgeWrite({ verdict, route, responseKey: 'withdrawObjection', answer, changes }).map((p) => p.kind);

  it('passes a refusal with FORBIDDEN_OPERATION at the field and no change', () => {
    expect(judge(refused, forbidden(['withdrawObjection']))).toEqual([]);
    expect(judge(refused, forbidden(), [], 'direct')).toEqual([]);
  });

  it('reports a refused write that changed a table, answered, or was refused with another code or without a path', () => {
    expect(judge(refused, forbidden(['withdrawObjection']), change)).toEqual(['WROTE']);
    expect(judge(refused, { status: 200, body: { data: { withdrawObjection: { id: 'o' } } } }, change)).toEqual(['WROTE', 'ANSWERED', 'NO_FORBIDDEN_OPERATION']);
    expect(judge(refused, { status: 200, body: { data: null, errors: [{ message: 'x', extensions: { code: 'NOT_FOUND' } }] } })).toEqual(['NO_FORBIDDEN_OPERATION']);
    expect(judge(refused, forbidden())).toEqual(['NO_ERROR_PATH']);
  });

  it('reports a permitted write refused for a permit reason', () => {
    const refusal = { message: 'x', path: ['withdrawObjection'], extensions: { code: 'FORBIDDEN_OPERATION', reason: 'NOT_SELF' } };
    expect(judge(allowed, { status: 200, body: { data: { withdrawObjection: null }, errors: [refusal] } })).toEqual(['OVER_REFUSED']);
  });

  it('never blames a permitted write for its domain errors, only for a server error or a document that did not run', () => {
    for (const code of ['BAD_USER_INPUT', 'CONFLICT', 'INVALID_STATE', 'NOT_FOUND', 'FORBIDDEN_OPERATION']) {
      expect(judge(allowed, { status: 200, body: { data: null, errors: [{ message: 'x', extensions: { code } }] } })).toEqual([]);
    }
    const filer = { message: 'x', extensions: { code: 'FORBIDDEN_OPERATION', reason: 'FILER_NOT_ALLOWED' } };
    expect(judge(allowed, { status: 200, body: { data: null, errors: [filer] } })).toEqual([]);
    expect(judge(allowed, { status: 502, body: null })).toEqual(['HTTP_5XX']);
    expect(judge(allowed, { status: 400, body: { errors: [{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] } })).toEqual(['NOT_RUN']);
  });
});

describe('materialize', () => {
  const api = leakApi();
  it('writes documents the supergraph accepts, with variables of every argument not inlined', () => {
    const w = world();
    let n = 0;
    for (const caller of [
      { role: 'CITIZEN', purpose: 'SELF_ACCESS', sub: 'c', personId: SELF },
      { role: 'OFFICER', purpose: 'JOINT_INCENTIVE', sub: 'o', department: A },
      { role: 'PUBLIC', purpose: 'PUBLIC_DISCLOSURE', sub: 'anonymous' },
    ] satisfies WriteCaller[]) {
      const ctx: DrawContext = {
        world: w,
        caller,
        focus: { persons: [SELF], row: (row) => row.subjectId === SELF },
        focusAuthority: A,
        otherAuthority: () => B,
        today: '2026-11-21',
        now: new Date('2026-11-21T02:00:00Z'),
        schema: api.schema,
        fresh: () => ++n,
      };
      for (const plan of fc.sample(writePlanArbitrary(caller.role === 'OFFICER' ? ['submitCreditRecord'] : []), { numRuns: 300, seed: 7 })) {
        const write = materialize(plan, ctx);
        const document = parse(write.query);
        expect(validate(api.schema, document).map((e) => e.message), write.query).toEqual([]);
        expect(write.query).toContain(write.mutation);
        if (!plan.literal) expect(Object.keys(write.variables).sort()).toEqual(Object.keys(write.args).filter((k) => write.args[k] !== undefined).sort());
      }
    }
  });
});
