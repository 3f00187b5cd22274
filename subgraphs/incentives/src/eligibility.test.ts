import { describe, expect, it } from 'vitest';
import { eligibility } from './eligibility.js';
import type { Fact } from './facts.js';
import { CATALOG, fact, nomination, PERSON } from './facts.testing.js';
import type { RedListEntry } from './red-list.js';
import { onBlackList, onRedList, redListSuspended, standingOf } from './standing.js';

const TODAY = '2026-11-21';

const honour = (overrides: Partial<Fact> = {}) =>
  fact({ kind: 'POSITIVE', severity: null, category: 'HONOUR', decidedOn: '2026-06-01', publicityEndsOn: '2029-06-01', ...overrides });
const codes = (reasons: string[]) => reasons.map((r) => r.slice(0, r.indexOf(':')));
const standing = (facts: Fact[], today = TODAY, entries: RedListEntry[] = []) => standingOf(PERSON, facts, entries, today);
const eligible = (facts: Fact[], today = TODAY, entries: RedListEntry[] = []) => eligibility(CATALOG, standing(facts, today, entries));

describe('list membership', () => {
  it('puts a person with an ACTIVE SERIOUS NEGATIVE record on the black list, and only then', () => {
    expect(onBlackList(standing([fact({ severity: 'SERIOUS' })]))).toBe(true);
    expect(onBlackList(standing([fact({ severity: 'GENERAL' })]))).toBe(false);
    expect(onBlackList(standing([fact({ severity: 'SERIOUS', status: 'REPAIRED' })]))).toBe(false);
    expect(onBlackList(standing([fact({ severity: 'SERIOUS', status: 'REVOKED' })]))).toBe(false);
    expect(onBlackList(standing([fact({ severity: 'SERIOUS', publicityEndsOn: TODAY })]))).toBe(false);
  });

  it('puts a person with an ACTIVE HONOUR record on the red list, and only then', () => {
    expect(onRedList(standing([honour()]))).toBe(true);
    expect(onRedList(standing([honour({ category: 'VOLUNTARY' })]))).toBe(false);
    expect(onRedList(standing([honour({ publicityEndsOn: TODAY })]))).toBe(false);
    expect(onRedList(standing([honour({ status: 'REVOKED' })]))).toBe(false);
  });

  it('puts a person on the red list from the nomination date up to the day before endsOn, unless revoked', () => {
    const entry = nomination({ nominatedOn: '2026-06-01', endsOn: '2027-06-01' });
    expect(onRedList(standing([], '2026-05-31', [entry]))).toBe(false);
    expect(onRedList(standing([], '2026-06-01', [entry]))).toBe(true);
    expect(onRedList(standing([], '2027-05-31', [entry]))).toBe(true);
    expect(onRedList(standing([], '2027-06-01', [entry]))).toBe(false);
    expect(onRedList(standing([], TODAY, [{ ...entry, revokedOn: '2026-09-01' }]))).toBe(false);
  });

  it('never shows both lists: the black list suspends a nomination and an honour, which count again if still in force when it ends', () => {
    const serious = fact({ severity: 'SERIOUS', decidedOn: '2026-01-10', publicityEndsOn: '2027-01-10' });
    const entry = nomination({ nominatedOn: '2026-06-01', endsOn: '2027-06-01' });
    const during = standing([serious, honour()], TODAY, [entry]);
    expect([onBlackList(during), onRedList(during), redListSuspended(during)]).toEqual([true, false, true]);
    // Still held, not removed: the day the serious record leaves publicity, both count again.
    const after = standing([serious, honour()], '2027-01-10', [entry]);
    expect([onBlackList(after), onRedList(after), redListSuspended(after)]).toEqual([false, true, false]);
    expect(after.nominations.map((e) => e.id)).toEqual([entry.id]);
    // A nomination that ended meanwhile does not come back.
    const ended = standing([serious], '2027-01-10', [{ ...entry, endsOn: '2026-12-01' }]);
    expect([onRedList(ended), redListSuspended(ended)]).toEqual([false, false]);
    // Without anything for the red list nothing is suspended.
    expect(redListSuspended(standing([serious]))).toBe(false);
  });
});

describe('eligibility for FAST_TRACK and ACCEPT_WITH_MISSING_DOCS (DESIGN §4)', () => {
  it('grants both to a person without any NEGATIVE record', () => {
    const result = eligible([]);
    expect(result).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(codes(result.reasons)).toEqual(['NOT_ON_RED_LIST', 'NO_NEGATIVE_RECORD_3_YEARS']);
  });

  it('grants them exactly 3 years after the last NEGATIVE decision, not one day earlier', () => {
    const facts = [fact({ decidedOn: '2020-05-01', publicityEndsOn: '2021-05-01' }), fact({ decidedOn: '2023-11-21', publicityEndsOn: '2024-11-21' })];
    const onTheDay = eligible(facts, '2026-11-21');
    expect(onTheDay).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(onTheDay.reasons).toContain('NO_NEGATIVE_RECORD_3_YEARS: last NEGATIVE record decided 2023-11-21');
    const dayBefore = eligible(facts, '2026-11-20');
    expect(dayBefore).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    expect(dayBefore.reasons).toContain('NEGATIVE_RECORD_WITHIN_3_YEARS: NEGATIVE record decided 2023-11-21; 3 years pass on 2026-11-21');
  });

  it('runs 3 years from 29 February to 28 February', () => {
    const facts = [fact({ decidedOn: '2024-02-29', publicityEndsOn: '2024-06-01' })];
    expect(eligible(facts, '2027-02-27').fastTrack).toBe(false);
    expect(eligible(facts, '2027-02-28').fastTrack).toBe(true);
  });

  it('counts REPAIRED and EXPIRED NEGATIVE records as decided, and ignores REVOKED ones', () => {
    const decided = { decidedOn: '2025-01-10', publicityEndsOn: '2025-06-10' };
    expect(eligible([fact({ ...decided, status: 'REPAIRED' })]).fastTrack).toBe(false);
    expect(eligible([fact({ ...decided })]).fastTrack).toBe(false);
    expect(eligible([fact({ ...decided, status: 'REVOKED' })]).fastTrack).toBe(true);
  });

  it('grants them on the red list despite a recent NEGATIVE record, by honour or by nomination', () => {
    const byHonour = eligible([honour(), fact({ decidedOn: '2026-01-10' })]);
    expect(byHonour).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(codes(byHonour.reasons)).toEqual(['ON_RED_LIST', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);
    const byNomination = eligible([fact({ decidedOn: '2026-01-10' })], TODAY, [nomination()]);
    expect(byNomination).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(byNomination.reasons[0]).toBe('ON_RED_LIST: 1 live nomination');
  });

  it('does not count an expired honour or nomination for the red list', () => {
    expect(eligible([honour({ publicityEndsOn: TODAY }), fact({})]).fastTrack).toBe(false);
    expect(eligible([fact({})], TODAY, [nomination({ endsOn: TODAY })]).fastTrack).toBe(false);
  });

  it('never grants them on the black list, even with honours and a nomination', () => {
    const serious = fact({ severity: 'SERIOUS', decidedOn: '2026-01-10', publicityEndsOn: '2028-01-10' });
    const result = eligible([honour(), serious], TODAY, [nomination()]);
    expect(result).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    // The black list decides, and the red list reason says it is suspended, not that it holds.
    expect(codes(result.reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'RED_LIST_SUSPENDED', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);
    expect(result.reasons[1]).toMatch(/^RED_LIST_SUSPENDED: 1 live nomination and 1 ACTIVE POSITIVE record in category HONOUR, suspended while on the serious dishonesty list \(发改财金规〔2017〕1798号/);
  });

  it('never grants them on the black list, even after 3 clean years, until the record leaves publicity', () => {
    const serious = fact({ severity: 'SERIOUS', decidedOn: '2023-06-01', publicityEndsOn: '2026-12-01' });
    const result = eligible([serious]);
    expect(result.fastTrack).toBe(false);
    expect(codes(result.reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'NOT_ON_RED_LIST', 'NO_NEGATIVE_RECORD_3_YEARS']);
    expect(eligible([serious], '2026-11-30').fastTrack).toBe(false);
    expect(eligible([serious], '2026-12-01').fastTrack).toBe(true);
  });

  it('follows the catalog: without FAST_TRACK in it, FAST_TRACK is not granted', () => {
    const result = eligibility(
      CATALOG.filter((m) => m.code !== 'FAST_TRACK'),
      standing([]),
    );
    expect(result).toMatchObject({ fastTrack: false, acceptWithMissingDocs: true });
    expect(codes(result.reasons)).toEqual(['UNKNOWN_MEASURE', 'NOT_ON_RED_LIST', 'NO_NEGATIVE_RECORD_3_YEARS']);
  });
});
