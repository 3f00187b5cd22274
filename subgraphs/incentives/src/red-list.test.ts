import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PERSON } from './facts.testing.js';
import { nominationTerms, type NominationInput } from './red-list.js';

const TODAY = '2026-11-21';
const input = (overrides: Partial<NominationInput> = {}): NominationInput => ({
  personId: PERSON,
  nominatingDepartment: ' 县文明办 ',
  reason: ' 优秀志愿者 ',
  ...overrides,
});

function refusal(overrides: Partial<NominationInput>, today = TODAY) {
  try {
    nominationTerms(input(overrides), today);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions;
  }
  throw new Error('accepted');
}

describe('nominationTerms', () => {
  it('nominates from today for a year by default, trimming the texts', () => {
    expect(nominationTerms(input(), TODAY)).toEqual({
      subjectId: PERSON,
      nominatingDepartment: '县文明办',
      reason: '优秀志愿者',
      nominatedOn: TODAY,
      endsOn: '2027-11-21',
      revokedOn: null,
      revocationReason: null,
    });
    expect(nominationTerms(input(), '2028-02-29').endsOn).toBe('2029-02-28');
  });

  it('accepts an end from tomorrow up to exactly 3 years', () => {
    expect(nominationTerms(input({ endsOn: '2026-11-22' }), TODAY).endsOn).toBe('2026-11-22');
    expect(nominationTerms(input({ endsOn: '2029-11-21' }), TODAY).endsOn).toBe('2029-11-21');
  });

  it.each<[string, Partial<NominationInput>, Record<string, unknown>]>([
    ['an end in the past', { endsOn: '2026-11-20' }, { field: 'endsOn', reason: 'ENDS_ON_NOT_IN_FUTURE' }],
    ['an end today (never in force)', { endsOn: TODAY }, { field: 'endsOn', reason: 'ENDS_ON_NOT_IN_FUTURE' }],
    ['an end a day beyond 3 years', { endsOn: '2029-11-22' }, { field: 'endsOn', reason: 'ENDS_ON_TOO_LATE', latestOn: '2029-11-21' }],
    ['a blank department', { nominatingDepartment: '  ' }, { field: 'nominatingDepartment', reason: 'BLANK' }],
    ['a blank reason', { reason: '' }, { field: 'reason', reason: 'BLANK' }],
    ['a reason too long', { reason: 'x'.repeat(2001) }, { field: 'reason', reason: 'TOO_LONG' }],
    ['a malformed person id', { personId: '42' }, { field: 'personId', reason: 'INVALID_ID' }],
  ])('refuses %s with BAD_USER_INPUT', (_case, overrides, extensions) => {
    expect(refusal(overrides)).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  });
});
