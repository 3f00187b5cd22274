import { describe, expect, it } from 'vitest';
import type { CatalogMeasure } from './catalog.js';
import type { Fact } from './facts.js';
import { CATALOG, fact, nomination, PERSON } from './facts.testing.js';
import { LIST_PRECEDENCE } from './list-precedence.js';
import type { RedListEntry } from './red-list.js';
import { MEASURES } from './reference/measures.js';
import { MEASURE_TRIGGERS_DATA } from './reference/measure-triggers.js';
import { standingOf } from './standing.js';
import { applicableMeasures, checkMeasure } from './triggers.js';

const TODAY = '2026-11-21';

const honour = (overrides: Partial<Fact> = {}) =>
  fact({ kind: 'POSITIVE', severity: null, category: 'HONOUR', decidedOn: '2026-06-01', publicityEndsOn: '2029-06-01', ...overrides });
const serious = (overrides: Partial<Fact> = {}) =>
  fact({ severity: 'SERIOUS', category: 'ADMINISTRATIVE_ACT', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01', ...overrides });
const judicial = (overrides: Partial<Fact> = {}) => serious({ category: 'JUDICIAL', ...overrides });
const recent = () => fact({ severity: 'GENERAL', decidedOn: '2026-01-10' });

const standing = (facts: Fact[], entries: RedListEntry[] = [], today = TODAY) => standingOf(PERSON, facts, entries, today);
const applying = (facts: Fact[], entries: RedListEntry[] = [], today = TODAY) => [
  ...new Set(applicableMeasures(CATALOG, standing(facts, entries, today)).map((a) => a.measure.code)),
];
const measure = (code: string) => CATALOG.find((m) => m.code === code)!;
const check = (code: string, facts: Fact[], entries: RedListEntry[] = []) => checkMeasure(measure(code), standing(facts, entries));

const GOOD_RECORD = ['ACCEPT_WITH_MISSING_DOCS', 'FAST_TRACK', 'REDUCED_INSPECTION'];
const ALL_INCENTIVES = ['ACCEPT_WITH_MISSING_DOCS', 'FAST_TRACK', 'PRIORITY_HANDLING', 'REDUCED_INSPECTION'];
const GENERAL_PUNISHMENTS = ['RESTRICT_CIVIL_SERVICE_ENTRY', 'RESTRICT_FINANCING', 'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_HONOURS'];
const ALL_PUNISHMENTS = ['RESTRICT_CIVIL_SERVICE_ENTRY', 'RESTRICT_FINANCING', 'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_HIGH_CONSUMPTION', 'RESTRICT_HONOURS'];

describe('the seeded triggers', () => {
  it('give every catalog measure at least one trigger and name only catalog measures', () => {
    const triggered = new Set(MEASURE_TRIGGERS_DATA.map((t) => t.measureCode));
    expect([...triggered].sort()).toEqual(MEASURES.map((m) => m.code).sort());
  });

  it.each([
    ['FAST_TRACK', [['RED_LIST', null], ['NO_NEGATIVE_RECORD_3_YEARS', null]]],
    ['ACCEPT_WITH_MISSING_DOCS', [['RED_LIST', null], ['NO_NEGATIVE_RECORD_3_YEARS', null]]],
    ['PRIORITY_HANDLING', [['RED_LIST', null]]],
    ['REDUCED_INSPECTION', [['RED_LIST', null], ['NO_NEGATIVE_RECORD_3_YEARS', null]]],
    ['RESTRICT_HIGH_CONSUMPTION', [['SERIOUS_DISHONESTY_LIST', 'JUDICIAL']]],
    ['RESTRICT_CIVIL_SERVICE_ENTRY', [['SERIOUS_DISHONESTY_LIST', null]]],
    ['RESTRICT_GOVERNMENT_PROCUREMENT', [['SERIOUS_DISHONESTY_LIST', null]]],
    ['RESTRICT_FINANCING', [['SERIOUS_DISHONESTY_LIST', null]]],
    ['RESTRICT_HONOURS', [['SERIOUS_DISHONESTY_LIST', null]]],
  ])('apply %s by %j', (code, rules) => {
    expect(measure(code).triggers.map((t) => [t.trigger, t.category])).toEqual(rules);
  });
});

describe('which measures apply (table)', () => {
  it.each<[string, Fact[], RedListEntry[], string[]]>([
    ['nobody with no record at all: the good-record incentives', [], [], GOOD_RECORD],
    ['a recent GENERAL record: nothing', [recent()], [], []],
    ['an honour despite a recent record: every incentive', [honour(), recent()], [], ALL_INCENTIVES],
    ['a live nomination despite a recent record: every incentive', [recent()], [nomination()], ALL_INCENTIVES],
    ['an expired nomination and a recent record: nothing', [recent()], [nomination({ endsOn: TODAY })], []],
    ['a revoked nomination and a recent record: nothing', [recent()], [nomination({ revokedOn: '2026-10-01' })], []],
    ['a SERIOUS administrative penalty: the general punishments, no incentive', [serious()], [], GENERAL_PUNISHMENTS],
    ['a SERIOUS judicial record: every punishment', [judicial()], [], ALL_PUNISHMENTS],
    ['a SERIOUS record with honour and nomination: punishments only', [serious(), honour()], [nomination()], GENERAL_PUNISHMENTS],
    ['a REPAIRED SERIOUS record: nothing (still decided within 3 years)', [judicial({ status: 'REPAIRED' })], [], []],
    ['a REPAIRED SERIOUS record and an honour: every incentive', [judicial({ status: 'REPAIRED' }), honour()], [], ALL_INCENTIVES],
    ['a REVOKED SERIOUS record: as if never decided', [judicial({ status: 'REVOKED' })], [], GOOD_RECORD],
    [
      'a SERIOUS record expiring today, decided 3 years ago: the good-record incentives',
      [judicial({ decidedOn: '2023-11-21', publicityEndsOn: TODAY })],
      [],
      GOOD_RECORD,
    ],
    [
      'a SERIOUS record expiring tomorrow, decided 3 years ago: every punishment',
      [judicial({ decidedOn: '2023-11-21', publicityEndsOn: '2026-11-22' })],
      [],
      ALL_PUNISHMENTS,
    ],
  ])('%s', (_situation, facts, entries, expected) => {
    expect(applying(facts, entries)).toEqual(expected);
  });
});

describe('applicableMeasures', () => {
  it('lists one entry per measure and triggering record, newest decision first', () => {
    const [older, newer] = [judicial({ decidedOn: '2025-01-01' }), serious({ decidedOn: '2025-09-01' })];
    const applied = applicableMeasures(CATALOG, standing([older, newer]));
    const financing = applied.filter((a) => a.measure.code === 'RESTRICT_FINANCING');
    expect(financing.map((a) => a.record?.id)).toEqual([newer.id, older.id]);
    expect(financing[0]).toEqual({
      subjectId: PERSON,
      measure: expect.objectContaining({ code: 'RESTRICT_FINANCING', kind: 'PUNISHMENT', name: '限制融资授信' }),
      trigger: 'SERIOUS_DISHONESTY_LIST',
      record: newer,
      redListEntry: null,
      reason: 'ON_SERIOUS_DISHONESTY_LIST: SERIOUS NEGATIVE record in category ADMINISTRATIVE_ACT, decided 2025-09-01, publicity ends 2028-03-01',
    });
    // 法释〔2015〕17号: only the judgment defaulter's record restricts high consumption.
    expect(applied.filter((a) => a.measure.code === 'RESTRICT_HIGH_CONSUMPTION').map((a) => a.record?.id)).toEqual([older.id]);
    expect(applied).toHaveLength(4 * 2 + 1);
  });

  it('lists a nomination, an honour and the clean period each as its own trigger', () => {
    const entry = nomination();
    const honoured = honour();
    const applied = applicableMeasures(CATALOG, standing([honoured], [entry])).filter((a) => a.measure.code === 'FAST_TRACK');
    expect(applied.map((a) => [a.trigger, a.redListEntry?.id ?? null, a.record?.id ?? null])).toEqual([
      ['RED_LIST', entry.id, null],
      ['RED_LIST', null, honoured.id],
      ['NO_NEGATIVE_RECORD_3_YEARS', null, null],
    ]);
    expect(applied.map((a) => a.reason)).toEqual([
      'ON_RED_LIST: nominated by 县文明办 on 2026-06-01, ends 2027-06-01',
      'ON_RED_LIST: POSITIVE record in category HONOUR, decided 2026-06-01, publicity ends 2029-06-01',
      'NO_NEGATIVE_RECORD_3_YEARS: no NEGATIVE record decided',
    ]);
  });

  it('keeps the catalog order: incentives, then punishments, each by code', () => {
    const applied = applicableMeasures(CATALOG, standing([honour()]));
    expect([...new Set(applied.map((a) => a.measure.code))]).toEqual(ALL_INCENTIVES);
  });
});

describe('checkMeasure', () => {
  it('explains a punishment that applies, with its triggers', () => {
    const record = judicial();
    const result = check('RESTRICT_HIGH_CONSUMPTION', [record]);
    expect(result).toMatchObject({ applies: true, reasons: ['ON_SERIOUS_DISHONESTY_LIST: 1 ACTIVE SERIOUS NEGATIVE record in category JUDICIAL'] });
    expect(result.triggers.map((t) => t.record?.id)).toEqual([record.id]);
  });

  it('tells a person on the list from one off it when the category does not match', () => {
    expect(check('RESTRICT_HIGH_CONSUMPTION', [serious()])).toMatchObject({
      applies: false,
      reasons: ['NO_SERIOUS_RECORD_IN_CATEGORY: on the list, but no ACTIVE SERIOUS NEGATIVE record in category JUDICIAL'],
      triggers: [],
    });
    expect(check('RESTRICT_HIGH_CONSUMPTION', [])).toMatchObject({
      applies: false,
      reasons: ['NOT_ON_SERIOUS_DISHONESTY_LIST: no ACTIVE SERIOUS NEGATIVE record in category JUDICIAL'],
    });
    expect(check('RESTRICT_FINANCING', []).reasons).toEqual(['NOT_ON_SERIOUS_DISHONESTY_LIST: no ACTIVE SERIOUS NEGATIVE record']);
  });

  it('explains an incentive refused on the black list, the list first, with no triggers', () => {
    const result = check('PRIORITY_HANDLING', [serious(), honour()]);
    expect(result).toMatchObject({ applies: false, triggers: [] });
    expect(result.reasons).toEqual([
      'ON_SERIOUS_DISHONESTY_LIST: an ACTIVE SERIOUS NEGATIVE record; no incentive while on the list',
      `RED_LIST_SUSPENDED: 1 ACTIVE POSITIVE record in category HONOUR, suspended while on the serious dishonesty list (${LIST_PRECEDENCE.source})`,
    ]);
  });

  it('explains each condition of an incentive, holding or not', () => {
    expect(check('FAST_TRACK', [recent()]).reasons).toEqual([
      'NOT_ON_RED_LIST: no live nomination and no ACTIVE POSITIVE record in category HONOUR',
      'NEGATIVE_RECORD_WITHIN_3_YEARS: NEGATIVE record decided 2026-01-10; 3 years pass on 2029-01-10',
    ]);
    expect(check('FAST_TRACK', [honour(), honour()], [nomination()]).reasons).toEqual([
      'ON_RED_LIST: 1 live nomination and 2 ACTIVE POSITIVE records in category HONOUR',
      'NO_NEGATIVE_RECORD_3_YEARS: no NEGATIVE record decided',
    ]);
  });

  it('gives the same reasons whatever the order of the trigger rows', () => {
    const reversed: CatalogMeasure = { ...measure('FAST_TRACK'), triggers: [...measure('FAST_TRACK').triggers].reverse() };
    expect(checkMeasure(reversed, standing([recent()])).reasons).toEqual(check('FAST_TRACK', [recent()]).reasons);
  });

  it('never applies a measure without triggers', () => {
    const inert: CatalogMeasure = { ...measure('FAST_TRACK'), triggers: [] };
    expect(checkMeasure(inert, standing([]))).toMatchObject({ applies: false, reasons: ['NO_TRIGGER: no condition applies this measure'], triggers: [] });
  });
});
