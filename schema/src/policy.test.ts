import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PURPOSES,
  POLICY,
  PurposeError,
  ROW_RULES,
  decisionFor,
  policyMatrixMarkdown,
  purposesFor,
  resolvePurpose,
  type Decision,
} from './policy.js';
import { PRIVACY_LEVELS } from './privacy.js';
import { PURPOSES, ROLES, type Purpose, type Role } from './roles.js';

/** The agreed policy, written out independently of the table: PUBLIC INTERNAL PERSONAL SENSITIVE. */
const EXPECTED: Record<string, string> = {
  'PUBLIC PUBLIC_DISCLOSURE': 'A D D D',
  'CITIZEN SELF_ACCESS': 'A D A A',
  'CITIZEN PUBLIC_DISCLOSURE': 'A D D D',
  'OFFICER ADMINISTRATIVE_LICENSING': 'A A A M',
  'OFFICER JOINT_INCENTIVE': 'A A A M',
  'OFFICER JOINT_PUNISHMENT': 'A A A M',
  'OFFICER PUBLIC_DISCLOSURE': 'A A D D',
  'CREDIT_OFFICE OBJECTION_REVIEW': 'A A A A',
  'CREDIT_OFFICE CREDIT_REPAIR_REVIEW': 'A A A A',
  'CREDIT_OFFICE JOINT_INCENTIVE': 'A A A M',
  'CREDIT_OFFICE JOINT_PUNISHMENT': 'A A A M',
  'CREDIT_OFFICE STATISTICS': 'A A M D',
  'CREDIT_OFFICE PUBLIC_DISCLOSURE': 'A A D D',
  'ANALYST STATISTICS': 'A A M D',
  'ANALYST PUBLIC_DISCLOSURE': 'A A D D',
  'AUDITOR AUDIT': 'A A A A',
  'AUDITOR PUBLIC_DISCLOSURE': 'A A D D',
  'AGENCY AUTHORIZED_QUERY': 'A D A M',
  'AGENCY PUBLIC_DISCLOSURE': 'A D D D',
};
const LETTER: Record<string, Decision> = { A: 'ALLOW', M: 'MASK', D: 'DENY' };
const PERMISSIVENESS: Record<Decision, number> = { DENY: 0, MASK: 1, ALLOW: 2 };
const NOT_STAFF: Role[] = ['PUBLIC', 'CITIZEN', 'AGENCY'];

const pairs = ROLES.flatMap((role) => PURPOSES.map((purpose) => ({ role, purpose, key: `${role} ${purpose}` })));

describe('policy table', () => {
  it.each(Object.entries(EXPECTED))('%s decides %s per level', (key, letters) => {
    const [role, purpose] = key.split(' ') as [Role, Purpose];
    const expected = letters.split(' ').map((letter) => LETTER[letter]);
    expect(PRIVACY_LEVELS.map((level) => decisionFor(role, purpose, level))).toEqual(expected);
    expect(resolvePurpose(role, purpose)).toBe(purpose);
  });

  it('holds exactly the agreed pairs, each once', () => {
    expect(POLICY.map((row) => `${row.role} ${row.purpose}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(pairs.filter(({ key }) => !(key in EXPECTED)))('refuses $key and decides DENY for every level', ({ role, purpose }) => {
    expect(() => resolvePurpose(role, purpose)).toThrow(expect.objectContaining({ code: 'FORBIDDEN_PURPOSE', reason: 'NOT_ALLOWED_FOR_ROLE' }));
    for (const level of PRIVACY_LEVELS) expect(decisionFor(role, purpose, level)).toBe('DENY');
  });

  it('never lets a caller outside the administration read INTERNAL fields', () => {
    for (const row of POLICY.filter((row) => NOT_STAFF.includes(row.role))) expect(row.decisions.INTERNAL).toBe('DENY');
  });

  it('never treats SENSITIVE more permissively than PERSONAL', () => {
    for (const row of POLICY) expect(PERMISSIVENESS[row.decisions.SENSITIVE]).toBeLessThanOrEqual(PERMISSIVENESS[row.decisions.PERSONAL]);
  });

  it('gives every role at least one purpose, and the default purposes are rows of their role', () => {
    for (const role of ROLES) expect(purposesFor(role).length).toBeGreaterThan(0);
    for (const [role, purpose] of Object.entries(DEFAULT_PURPOSES)) expect(purposesFor(role as Role)).toContain(purpose);
  });
});

describe('resolvePurpose', () => {
  it('uses the default purpose of PUBLIC and CITIZEN when x-purpose is absent or empty', () => {
    expect(resolvePurpose('PUBLIC', undefined)).toBe('PUBLIC_DISCLOSURE');
    expect(resolvePurpose('CITIZEN', undefined)).toBe('SELF_ACCESS');
    expect(resolvePurpose('CITIZEN', ' ')).toBe('SELF_ACCESS');
  });

  it.each(['OFFICER', 'CREDIT_OFFICE', 'ANALYST', 'AUDITOR', 'AGENCY'] as const)('makes %s declare a purpose', (role) => {
    const error = (() => {
      try {
        resolvePurpose(role, undefined);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PurposeError);
    expect(error).toMatchObject({ code: 'FORBIDDEN_PURPOSE', reason: 'MISSING', role, allowed: purposesFor(role) });
  });

  it('refuses an unknown purpose, including a known one in the wrong case or repeated', () => {
    for (const value of ['SHOPPING', 'self_access', 'SELF_ACCESS, SELF_ACCESS']) {
      expect(() => resolvePurpose('CITIZEN', value)).toThrow(expect.objectContaining({ code: 'FORBIDDEN_PURPOSE', reason: 'UNKNOWN' }));
    }
  });

  it('refuses a purpose the role may not declare', () => {
    expect(() => resolvePurpose('PUBLIC', 'SELF_ACCESS')).toThrow(expect.objectContaining({ reason: 'NOT_ALLOWED_FOR_ROLE' }));
    expect(() => resolvePurpose('ANALYST', 'AUDIT')).toThrow(expect.objectContaining({ reason: 'NOT_ALLOWED_FOR_ROLE' }));
  });
});

describe('row rules', () => {
  it('send a citizen to its own person and an agency to its grantors; everyone else is read as PUBLIC', () => {
    expect(ROW_RULES).toEqual({
      CITIZEN: { rowAppliesTo: 'SELF', othersAs: { role: 'PUBLIC', purpose: 'PUBLIC_DISCLOSURE' } },
      AGENCY: { rowAppliesTo: 'GRANTOR', othersAs: { role: 'PUBLIC', purpose: 'PUBLIC_DISCLOSURE' } },
    });
  });

  it('fall back to a pair that is in the table', () => {
    for (const rule of Object.values(ROW_RULES)) expect(purposesFor(rule.othersAs.role)).toContain(rule.othersAs.purpose);
  });
});

describe('policy matrix', () => {
  it('renders one line per row with the default purposes marked, then the row rules', () => {
    const lines = policyMatrixMarkdown().split('\n');
    expect(lines[0]).toBe('| role | purpose | PUBLIC | INTERNAL | PERSONAL | SENSITIVE |');
    expect(lines).toContain('| CITIZEN | SELF_ACCESS (default) | ALLOW | DENY | ALLOW | ALLOW |');
    expect(lines).toContain('| AGENCY | AUTHORIZED_QUERY | ALLOW | DENY | ALLOW | MASK |');
    expect(lines.filter((line) => line.startsWith('| ') && !line.startsWith('| role'))).toHaveLength(POLICY.length);
    expect(lines.filter((line) => line.startsWith('* '))).toHaveLength(Object.keys(ROW_RULES).length);
  });

  it('is what README.md shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // A plain boolean: on failure the whole README would otherwise be printed as a diff.
    expect(readme.includes(policyMatrixMarkdown()), 'README.md must contain policyMatrixMarkdown() verbatim').toBe(true);
  });
});
