import type { RecordFactsRow } from '@credit/kit';
import { recordFactsFixture } from '@credit/kit/testing';
import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_ITEMS, MAX_TEXT_LENGTH, objectionFiling, repairFiling, requireActiveNegative, requireMinimumPeriodPassed } from './filing.js';

const TODAY = '2026-11-21';

const facts = (overrides: Partial<RecordFactsRow> = {}): RecordFactsRow => ({ ...recordFactsFixture(), ...overrides });

/** The extensions of the error `fn` throws (fails the test when it does not throw). */
function extensionsOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}

describe('requireActiveNegative', () => {
  it('passes an ACTIVE NEGATIVE record through', () => {
    const record = facts();
    expect(requireActiveNegative(record, TODAY)).toBe(record);
  });

  it('answers NOT_FOUND on the recordId field when the record is unknown', () => {
    expect(extensionsOf(() => requireActiveNegative(undefined, TODAY))).toEqual({ code: 'NOT_FOUND', field: 'recordId' });
  });

  it.each<[string, Partial<RecordFactsRow>, string]>([
    ['a positive record', { kind: 'POSITIVE', severity: null }, 'ACTIVE'],
    ['a revoked record', { status: 'REVOKED' }, 'REVOKED'],
    ['a repaired record', { status: 'REPAIRED' }, 'REPAIRED'],
    ['a record whose publication ends today', { publicityEndsOn: TODAY }, 'EXPIRED'],
    ['a record whose publication ended', { publicityEndsOn: '2026-06-01' }, 'EXPIRED'],
  ])('refuses %s with RECORD_NOT_ACTIVE', (_name, overrides, status) => {
    expect(extensionsOf(() => requireActiveNegative(facts(overrides), TODAY))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RECORD_NOT_ACTIVE',
      field: 'recordId',
      status,
    });
  });

  it('accepts a record on the last day of its publication', () => {
    expect(() => requireActiveNegative(facts({ publicityEndsOn: '2026-11-22' }), TODAY)).not.toThrow();
  });
});

describe('requireMinimumPeriodPassed', () => {
  const record = facts({ minimumPublicityEndsOn: TODAY });

  it('refuses the day before the minimum period ends, naming the earliest date', () => {
    expect(extensionsOf(() => requireMinimumPeriodPassed(record, 'VOLUNTEER_SERVICE', '2026-11-20'))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'MINIMUM_PERIOD_NOT_PASSED',
      field: 'recordId',
      earliestOn: TODAY,
    });
  });

  it('accepts on the day the minimum period ends and after', () => {
    expect(() => requireMinimumPeriodPassed(record, 'VOLUNTEER_SERVICE', TODAY)).not.toThrow();
    expect(() => requireMinimumPeriodPassed(record, 'CHARITABLE_DONATION', '2027-01-01')).not.toThrow();
  });

  it.each(['OBLIGATION_FULFILLED', 'PENALTY_PAID'] as const)('lets a MINOR record be repaired early on %s', (basis) => {
    expect(() => requireMinimumPeriodPassed(facts({ severity: 'MINOR', minimumPublicityEndsOn: '2027-01-01' }), basis, TODAY)).not.toThrow();
  });

  it.each(['VOLUNTEER_SERVICE', 'CHARITABLE_DONATION'] as const)('holds a MINOR record to the minimum period on %s', (basis) => {
    const minor = facts({ severity: 'MINOR', minimumPublicityEndsOn: '2027-01-01' });
    expect(extensionsOf(() => requireMinimumPeriodPassed(minor, basis, TODAY))).toMatchObject({ reason: 'MINIMUM_PERIOD_NOT_PASSED' });
  });

  it('gives no early repair to GENERAL or SERIOUS records, whatever the basis', () => {
    const serious = facts({ severity: 'SERIOUS', minimumPublicityEndsOn: '2027-01-01' });
    expect(extensionsOf(() => requireMinimumPeriodPassed(serious, 'PENALTY_PAID', TODAY))).toMatchObject({ reason: 'MINIMUM_PERIOD_NOT_PASSED' });
  });
});

describe('objectionFiling', () => {
  it('trims the reasons and evidence and drops blank evidence; the filer is left to the caller’s role (permits.ts)', () => {
    expect(objectionFiling({ recordId: 'r', reasons: '  事实有误 ', evidence: [' a.pdf ', '  '], filedBy: null })).toEqual({
      reasons: '事实有误',
      evidence: ['a.pdf'],
    });
  });

  it.each([
    ['blank reasons', { reasons: ' \n ' }, { field: 'reasons', reason: 'REASONS_REQUIRED' }],
    ['overlong reasons', { reasons: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, { field: 'reasons', reason: 'TOO_LONG' }],
    ['too much evidence', { evidence: Array.from({ length: MAX_EVIDENCE_ITEMS + 1 }, (_, i) => `${i}.pdf`) }, { field: 'evidence', reason: 'TOO_LONG' }],
  ])('refuses %s', (_name, overrides, extensions) => {
    expect(extensionsOf(() => objectionFiling({ recordId: 'r', reasons: '理由', ...overrides }))).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  });
});

describe('repairFiling', () => {
  const input = { recordId: 'r', basis: 'PENALTY_PAID' as const, evidence: ['缴款凭证.pdf'], creditPledge: ' 本人承诺 ', pledgeAccepted: true };

  it('keeps the basis, the trimmed evidence and the pledge text', () => {
    expect(repairFiling(input)).toEqual({ basis: 'PENALTY_PAID', evidence: ['缴款凭证.pdf'], creditPledge: '本人承诺' });
  });

  it.each([
    ['no evidence', { evidence: [] }, { field: 'evidence', reason: 'EVIDENCE_REQUIRED' }],
    ['only blank evidence', { evidence: ['', '  '] }, { field: 'evidence', reason: 'EVIDENCE_REQUIRED' }],
    ['a pledge not accepted', { pledgeAccepted: false }, { field: 'pledgeAccepted', reason: 'PLEDGE_REQUIRED' }],
    ['a blank pledge', { creditPledge: '  ' }, { field: 'creditPledge', reason: 'PLEDGE_REQUIRED' }],
  ])('refuses %s', (_name, overrides, extensions) => {
    expect(extensionsOf(() => repairFiling({ ...input, ...overrides }))).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  });
});
