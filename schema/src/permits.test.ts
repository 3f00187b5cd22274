import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { classificationsFromSupergraph } from './classifications.js';
import { entryVerdict, MUTATION_PERMITS, permitMatrixMarkdown, permitVerdict, storedRowVerdict, type MutationName, type Writer } from './permits.js';
import { decisionFor, POLICY } from './policy.js';

const supergraph = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const mutationFields = () => {
  const schema = buildASTSchema(parse(supergraph), { assumeValid: true, assumeValidSDL: true });
  return Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
};

const writer = (role: Writer['principal']['role'], purpose: Writer['purpose'], extra: Partial<Writer['principal']> = {}): Writer => ({
  principal: { sub: `${role}-1`, role, ...extra },
  purpose,
});

describe('MUTATION_PERMITS', () => {
  it('has exactly one entry per mutation of the supergraph', () => {
    expect(Object.keys(MUTATION_PERMITS).sort()).toEqual(mutationFields());
  });

  it('only names (role, purpose) pairs of the read policy that may read the mutation’s own answer', () => {
    const classifications = classificationsFromSupergraph(supergraph);
    for (const [name, entry] of Object.entries(MUTATION_PERMITS)) {
      const level = classifications.get(`Mutation.${name}`)!.level;
      for (const permit of entry.permits) {
        for (const purpose of permit.purposes) {
          expect(POLICY.some((row) => row.role === permit.role && row.purpose === purpose), `${name}: ${permit.role} × ${purpose}`).toBe(true);
          // A permitted write whose answer field is denied would be removed before planning and never run.
          expect(decisionFor(permit.role, purpose, level), `${name}: ${permit.role} × ${purpose}`).not.toBe('DENY');
        }
      }
    }
  });

  it('gives the public, analysts, auditors and agencies no write at all, but an agency its grantor’s credit report', () => {
    for (const row of POLICY.filter((r) => ['PUBLIC', 'ANALYST', 'AUDITOR', 'AGENCY'].includes(r.role))) {
      for (const name of Object.keys(MUTATION_PERMITS)) {
        const verdict = entryVerdict(name, writer(row.role, row.purpose, { personId: 'p-1', department: 'd' }), { input: {}, personId: 'p-1' });
        const grantorsReport = row.role === 'AGENCY' && row.purpose === 'AUTHORIZED_QUERY' && name === 'requestCreditReport';
        expect(verdict, `${row.role} × ${row.purpose}: ${name}`).toEqual({ allowed: false, reason: grantorsReport ? 'NOT_GRANTED' : 'NO_PERMIT' });
      }
    }
  });

  it('refuses an operation it does not know', () => {
    expect(entryVerdict('dropEverything', writer('CREDIT_OFFICE', 'OBJECTION_REVIEW'), {})).toEqual({ allowed: false, reason: 'NO_PERMIT' });
  });
});

describe('entryVerdict', () => {
  const record = (extra: Record<string, unknown> = {}) => ({ input: { subjectId: 'p-2', determiningAuthority: '某市税务局', ...extra } });

  it('binds submitCreditRecord to the officer’s own department, or takes it from the token', () => {
    const officer = writer('OFFICER', 'JOINT_PUNISHMENT', { department: '某市税务局' });
    expect(entryVerdict('submitCreditRecord', officer, record())).toMatchObject({ allowed: true });
    expect(entryVerdict('submitCreditRecord', officer, record({ determiningAuthority: undefined }))).toMatchObject({ allowed: true });
    expect(entryVerdict('submitCreditRecord', officer, record({ determiningAuthority: '某市市场监管局' }))).toEqual({ allowed: false, reason: 'NOT_OWN_DEPARTMENT' });
    expect(entryVerdict('submitCreditRecord', writer('OFFICER', 'JOINT_PUNISHMENT'), record({ determiningAuthority: undefined }))).toEqual({
      allowed: false,
      reason: 'NOT_OWN_DEPARTMENT',
    });
    expect(entryVerdict('submitCreditRecord', writer('OFFICER', 'PUBLIC_DISCLOSURE', { department: '某市税务局' }), record())).toEqual({ allowed: false, reason: 'NO_PERMIT' });
  });

  it('refuses a citizen’s record and any citizen write under PUBLIC_DISCLOSURE', () => {
    const citizen = writer('CITIZEN', 'SELF_ACCESS', { personId: 'p-2' });
    expect(entryVerdict('submitCreditRecord', citizen, record())).toEqual({ allowed: false, reason: 'NO_PERMIT' });
    expect(entryVerdict('registerPerson', citizen, { input: {} })).toEqual({ allowed: false, reason: 'NO_PERMIT' });
    expect(entryVerdict('fileObjection', writer('CITIZEN', 'PUBLIC_DISCLOSURE', { personId: 'p-2' }), { input: {} })).toEqual({ allowed: false, reason: 'NO_PERMIT' });
  });

  it('leaves the row of a stored target to the owning subgraph, and decides argument rows itself', () => {
    expect(entryVerdict('fileObjection', writer('CITIZEN', 'SELF_ACCESS', { personId: 'p-1' }), { input: { recordId: 'r-1' } })).toEqual({
      allowed: true,
      scopes: ['SELF'],
    });
    expect(entryVerdict('grantAuthorization', writer('CITIZEN', 'SELF_ACCESS'), { input: {} })).toEqual({ allowed: false, reason: 'NOT_SELF' });
    const nominator = writer('OFFICER', 'JOINT_INCENTIVE', { department: '团市委' });
    expect(entryVerdict('nominateRedList', nominator, { input: { personId: 'p-1', nominatingDepartment: '团市委' } })).toMatchObject({ allowed: true });
    expect(entryVerdict('nominateRedList', nominator, { input: { personId: 'p-1', nominatingDepartment: '文明办' } })).toEqual({ allowed: false, reason: 'NOT_OWN_DEPARTMENT' });
  });
});

describe('GRANTOR: an agency under the subject’s live grant', () => {
  const agency = (grant: Writer['grant']) => ({ ...writer('AGENCY', 'AUTHORIZED_QUERY'), grant });
  const report = { personId: 'p-1', from: '2024-01-01', to: '2026-12-31' };

  it('lets the agency issue the report of the person whose grant it holds, with the records scope', () => {
    expect(entryVerdict('requestCreditReport', agency({ personId: 'p-1', scope: ['CREDIT_RECORDS'] }), report)).toEqual({ allowed: true, scopes: [] });
  });

  it.each([
    ['no grant', undefined],
    ['a null grant', null],
    ['another person’s grant', { personId: 'p-2', scope: ['CREDIT_RECORDS', 'IDENTITY'] }],
    ['a grant without the records scope', { personId: 'p-1', scope: ['IDENTITY', 'DISPUTES', 'INCENTIVES'] }],
  ] as const)('refuses NOT_GRANTED with %s', (_label, grant) => {
    expect(entryVerdict('requestCreditReport', agency(grant), report)).toEqual({ allowed: false, reason: 'NOT_GRANTED' });
  });

  it('refuses NOT_GRANTED when the arguments name nobody, and a grant opens no other write', () => {
    expect(entryVerdict('requestCreditReport', agency({ personId: 'p-1', scope: ['CREDIT_RECORDS'] }), {})).toEqual({ allowed: false, reason: 'NOT_GRANTED' });
    const granted = agency({ personId: 'p-1', scope: ['IDENTITY', 'CREDIT_RECORDS', 'DISPUTES', 'INCENTIVES'] });
    for (const name of Object.keys(MUTATION_PERMITS).filter((n) => n !== 'requestCreditReport')) {
      expect(entryVerdict(name, granted, { input: { personId: 'p-1', subjectId: 'p-1' }, personId: 'p-1' })).toEqual({ allowed: false, reason: 'NO_PERMIT' });
    }
  });

  it('holds a citizen to their own report, grant or not', () => {
    const citizen = { ...writer('CITIZEN', 'SELF_ACCESS', { personId: 'p-1' }), grant: { personId: 'p-2', scope: ['CREDIT_RECORDS'] } };
    expect(entryVerdict('requestCreditReport', citizen, report)).toEqual({ allowed: true, scopes: [] });
    expect(entryVerdict('requestCreditReport', citizen, { ...report, personId: 'p-2' })).toEqual({ allowed: false, reason: 'NOT_SELF' });
  });
});

describe('storedRowVerdict', () => {
  const citizen = writer('CITIZEN', 'SELF_ACCESS', { personId: 'p-1' });
  const officer = writer('OFFICER', 'ADMINISTRATIVE_LICENSING', { department: '某市税务局' });
  const office = writer('CREDIT_OFFICE', 'OBJECTION_REVIEW');

  it.each([
    ['citizen, own record', citizen, { subjectId: 'p-1', authority: 'x' }, true],
    ['citizen, another’s record', citizen, { subjectId: 'p-2', authority: 'x' }, false],
    ['officer, own department’s record', officer, { subjectId: 'p-2', authority: '某市税务局' }, true],
    ['officer, another department’s record', officer, { subjectId: 'p-2', authority: '某市市场监管局' }, false],
    ['officer, a record without a known authority', officer, { subjectId: 'p-2', authority: null }, false],
    ['credit office, any record', office, { subjectId: 'p-2', authority: null }, true],
  ] as const)('fileObjection: %s', (_label, who, facts, allowed) => {
    expect(storedRowVerdict('fileObjection', who, facts).allowed).toBe(allowed);
  });

  it('revokeRedListNomination: the nominating department’s officer and the credit office, nobody else', () => {
    const nomination = { subjectId: 'p-2', authority: '团市委' };
    expect(entryVerdict('revokeRedListNomination', writer('OFFICER', 'JOINT_INCENTIVE', { department: '团市委' }), { id: 'n-1' })).toEqual({
      allowed: true,
      scopes: ['OWN_DEPARTMENT'],
    });
    expect(storedRowVerdict('revokeRedListNomination', writer('OFFICER', 'JOINT_INCENTIVE', { department: '团市委' }), nomination)).toEqual({ allowed: true, scopes: [] });
    expect(storedRowVerdict('revokeRedListNomination', writer('OFFICER', 'JOINT_INCENTIVE', { department: '文明办' }), nomination)).toEqual({
      allowed: false,
      reason: 'NOT_OWN_DEPARTMENT',
    });
    expect(storedRowVerdict('revokeRedListNomination', writer('CREDIT_OFFICE', 'JOINT_INCENTIVE'), nomination)).toEqual({ allowed: true, scopes: [] });
    for (const who of [writer('OFFICER', 'JOINT_PUNISHMENT', { department: '团市委' }), writer('CREDIT_OFFICE', 'OBJECTION_REVIEW'), citizen]) {
      expect(storedRowVerdict('revokeRedListNomination', who, { ...nomination, subjectId: 'p-1' })).toEqual({ allowed: false, reason: 'NO_PERMIT' });
    }
  });

  it('refuses a missing row exactly as somebody else’s, unless the caller may act on any row', () => {
    const other = storedRowVerdict('withdrawObjection', citizen, { subjectId: 'p-2' });
    expect(storedRowVerdict('withdrawObjection', citizen, null)).toEqual(other);
    expect(other).toEqual({ allowed: false, reason: 'NOT_SELF' });
    expect(storedRowVerdict('fileObjection', officer, null)).toEqual(storedRowVerdict('fileObjection', officer, { subjectId: 'p-2', authority: '别的局' }));
    expect(storedRowVerdict('withdrawObjection', office, null)).toMatchObject({ allowed: true });
  });

  it('says permitVerdict’s open scopes are closed once the facts are known', () => {
    for (const name of Object.keys(MUTATION_PERMITS) as MutationName[]) {
      const verdict = storedRowVerdict(name, citizen, { subjectId: 'p-1', authority: null });
      if (verdict.allowed) expect(verdict.scopes).toEqual([]);
    }
    expect(permitVerdict('fileObjection', citizen)).toEqual({ allowed: true, scopes: ['SELF'] });
  });
});

describe('the README', () => {
  it('shows permitMatrixMarkdown()', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme.includes(permitMatrixMarkdown()), 'README.md must contain permitMatrixMarkdown() verbatim').toBe(true);
  });
});
