import { describe, expect, it } from 'vitest';
import { eligibility } from './eligibility.js';
import { onRedList, onSeriousDishonestyList, type Fact } from './facts.js';
import { fact } from './facts.testing.js';

const TODAY = '2026-11-21';

const honour = (overrides: Partial<Fact> = {}) =>
  fact({ kind: 'POSITIVE', severity: null, category: 'HONOUR', decidedOn: '2026-06-01', publicityEndsOn: '2029-06-01', ...overrides });
const codes = (reasons: string[]) => reasons.map((r) => r.slice(0, r.indexOf(':')));

describe('list membership', () => {
  it('puts a person with an ACTIVE SERIOUS NEGATIVE record on the black list, and only then', () => {
    expect(onSeriousDishonestyList([fact({ severity: 'SERIOUS' })], TODAY)).toBe(true);
    expect(onSeriousDishonestyList([fact({ severity: 'GENERAL' })], TODAY)).toBe(false);
    expect(onSeriousDishonestyList([fact({ severity: 'SERIOUS', status: 'REPAIRED' })], TODAY)).toBe(false);
    expect(onSeriousDishonestyList([fact({ severity: 'SERIOUS', status: 'REVOKED' })], TODAY)).toBe(false);
    expect(onSeriousDishonestyList([fact({ severity: 'SERIOUS', publicityEndsOn: TODAY })], TODAY)).toBe(false);
  });

  it('puts a person with an ACTIVE HONOUR record on the red list, and only then', () => {
    expect(onRedList([honour()], TODAY)).toBe(true);
    expect(onRedList([honour({ category: 'VOLUNTARY' })], TODAY)).toBe(false);
    expect(onRedList([honour({ publicityEndsOn: TODAY })], TODAY)).toBe(false);
    expect(onRedList([honour({ status: 'REVOKED' })], TODAY)).toBe(false);
  });
});

describe('eligibility for FAST_TRACK and ACCEPT_WITH_MISSING_DOCS', () => {
  it('grants both to a person without any NEGATIVE record', () => {
    const result = eligibility([], TODAY);
    expect(result).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(codes(result.reasons)).toEqual(['NO_NEGATIVE_RECORD_3_YEARS']);
  });

  it('grants them exactly 3 years after the last NEGATIVE decision, not one day earlier', () => {
    const facts = [fact({ decidedOn: '2020-05-01', publicityEndsOn: '2021-05-01' }), fact({ decidedOn: '2023-11-21', publicityEndsOn: '2024-11-21' })];
    const onTheDay = eligibility(facts, '2026-11-21');
    expect(onTheDay).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(onTheDay.reasons).toEqual(['NO_NEGATIVE_RECORD_3_YEARS: last NEGATIVE record decided 2023-11-21']);
    const dayBefore = eligibility(facts, '2026-11-20');
    expect(dayBefore).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    expect(dayBefore.reasons).toEqual(['NEGATIVE_RECORD_WITHIN_3_YEARS: NEGATIVE record decided 2023-11-21; 3 years pass on 2026-11-21']);
  });

  it('runs 3 years from 29 February to 28 February', () => {
    const facts = [fact({ decidedOn: '2024-02-29', publicityEndsOn: '2024-06-01' })];
    expect(eligibility(facts, '2027-02-27').fastTrack).toBe(false);
    expect(eligibility(facts, '2027-02-28').fastTrack).toBe(true);
  });

  it('counts REPAIRED and EXPIRED NEGATIVE records as decided, and ignores REVOKED ones', () => {
    const decided = { decidedOn: '2025-01-10', publicityEndsOn: '2025-06-10' };
    expect(eligibility([fact({ ...decided, status: 'REPAIRED' })], TODAY).fastTrack).toBe(false);
    expect(eligibility([fact({ ...decided })], TODAY).fastTrack).toBe(false);
    expect(eligibility([fact({ ...decided, status: 'REVOKED' })], TODAY).fastTrack).toBe(true);
  });

  it('grants them on the red list despite a recent NEGATIVE record', () => {
    const result = eligibility([honour(), fact({ decidedOn: '2026-01-10' })], TODAY);
    expect(result).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(codes(result.reasons)).toEqual(['ON_RED_LIST', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);
  });

  it('does not count an expired honour for the red list', () => {
    const result = eligibility([honour({ publicityEndsOn: '2026-11-21' }), fact({})], TODAY);
    expect(result.fastTrack).toBe(false);
  });

  it('never grants them on the black list, even with honours', () => {
    const result = eligibility([honour(), fact({ severity: 'SERIOUS', decidedOn: '2026-01-10', publicityEndsOn: '2028-01-10' })], TODAY);
    expect(result).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    expect(codes(result.reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'ON_RED_LIST', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);
  });

  it('never grants them on the black list, even after 3 clean years', () => {
    const result = eligibility([fact({ severity: 'SERIOUS', decidedOn: '2023-06-01', publicityEndsOn: '2026-12-01' })], TODAY);
    expect(result.fastTrack).toBe(false);
    expect(codes(result.reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'NO_NEGATIVE_RECORD_3_YEARS']);
  });
});
