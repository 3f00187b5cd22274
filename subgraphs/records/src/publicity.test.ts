import { describe, expect, it } from 'vitest';
import { allowsEnd, NEGATIVE_REGIMES, POSITIVE_RULE, PUBLICITY_REGIMES, publicityBounds, SEVERAL_PENALTY_TYPES, type PublicityFacts } from './publicity.js';
import { recordInput } from './testing.js';
import { validateRecord } from './validation.js';

const negative = (decidedOn: string, severity: 'MINOR' | 'GENERAL' | 'SERIOUS', more: Partial<PublicityFacts> = {}): PublicityFacts => ({
  kind: 'NEGATIVE',
  severity,
  domain: 'TAXATION',
  category: 'ADMINISTRATIVE_ACT',
  decidedOn,
  ...more,
});

describe('publicity periods by decision date', () => {
  it.each([
    // decided, severity, regime, minimum end, maximum end (the default, except ORDER_36 MINOR)
    ['2018-01-15', 'GENERAL', 'NOTICE_2019_527', '2018-04-15', '2019-01-15'],
    ['2019-06-30', 'MINOR', 'NOTICE_2019_527', '2019-06-30', '2019-06-30'],
    ['2019-06-30', 'GENERAL', 'NOTICE_2019_527', '2019-09-30', '2020-06-30'],
    ['2019-06-30', 'SERIOUS', 'NOTICE_2019_527', '2019-12-30', '2022-06-30'],
    ['2019-07-01', 'MINOR', 'NOTICE_2019_527', '2019-07-01', '2019-07-01'],
    ['2019-07-01', 'GENERAL', 'NOTICE_2019_527', '2019-10-01', '2020-07-01'],
    ['2019-07-01', 'SERIOUS', 'NOTICE_2019_527', '2020-01-01', '2022-07-01'],
    ['2023-04-30', 'MINOR', 'NOTICE_2019_527', '2023-04-30', '2023-04-30'],
    ['2023-04-30', 'GENERAL', 'NOTICE_2019_527', '2023-07-30', '2024-04-30'],
    ['2023-04-30', 'SERIOUS', 'NOTICE_2019_527', '2023-10-30', '2026-04-30'],
    ['2023-05-01', 'MINOR', 'ORDER_58', '2023-05-01', '2023-05-01'],
    ['2023-05-01', 'GENERAL', 'ORDER_58', '2023-08-01', '2026-05-01'],
    ['2023-05-01', 'SERIOUS', 'ORDER_58', '2023-08-01', '2026-05-01'],
    ['2026-03-31', 'MINOR', 'ORDER_58', '2026-03-31', '2026-03-31'],
    ['2026-03-31', 'GENERAL', 'ORDER_58', '2026-06-30', '2029-03-31'],
    ['2026-03-31', 'SERIOUS', 'ORDER_58', '2026-06-30', '2029-03-31'],
    ['2026-04-01', 'GENERAL', 'ORDER_36', '2026-07-01', '2027-04-01'],
    ['2026-04-01', 'SERIOUS', 'ORDER_36', '2027-04-01', '2029-04-01'],
  ] as const)('%s %s: %s, %s to %s, default the maximum', (decidedOn, severity, regime, minimumEndsOn, maximumEndsOn) => {
    expect(publicityBounds(negative(decidedOn, severity))).toEqual({ regime, minimumEndsOn, maximumEndsOn, defaultEndsOn: maximumEndsOn });
  });

  it('under Order 36 a MINOR record is not published by default but may be for up to 3 months', () => {
    expect(publicityBounds(negative('2026-04-01', 'MINOR'))).toEqual({
      regime: 'ORDER_36',
      minimumEndsOn: '2026-04-01',
      maximumEndsOn: '2026-07-01',
      defaultEndsOn: '2026-04-01',
    });
  });

  it('under Order 58 penalties in special equipment, work safety and fire safety stay at least a year', () => {
    for (const domain of ['SPECIAL_EQUIPMENT', 'WORK_SAFETY', 'FIRE_SAFETY'] as const) {
      for (const severity of ['GENERAL', 'SERIOUS'] as const) {
        expect(publicityBounds(negative('2024-03-10', severity, { domain })).minimumEndsOn).toBe('2025-03-10');
      }
    }
    // Not a penalty, not a listed sector, a MINOR record, or another regime: the plain minimum.
    expect(publicityBounds(negative('2024-03-10', 'GENERAL', { domain: 'WORK_SAFETY', category: 'JUDICIAL' })).minimumEndsOn).toBe('2024-06-10');
    expect(publicityBounds(negative('2024-03-10', 'GENERAL', { domain: 'FOOD_AND_DRUGS' })).minimumEndsOn).toBe('2024-06-10');
    expect(publicityBounds(negative('2024-03-10', 'MINOR', { domain: 'WORK_SAFETY' })).maximumEndsOn).toBe('2024-03-10');
    expect(publicityBounds(negative('2023-04-30', 'GENERAL', { domain: 'FIRE_SAFETY' })).minimumEndsOn).toBe('2023-07-30');
    expect(publicityBounds(negative('2026-04-01', 'GENERAL', { domain: 'FIRE_SAFETY' })).minimumEndsOn).toBe('2026-07-01');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(publicityBounds(negative('2023-11-30', 'GENERAL')).minimumEndsOn).toBe('2024-02-29');
    expect(publicityBounds(negative('2024-11-30', 'GENERAL')).minimumEndsOn).toBe('2025-02-28');
    expect(publicityBounds(negative('2024-02-29', 'SERIOUS')).maximumEndsOn).toBe('2027-02-28');
    expect(publicityBounds(negative('2019-08-31', 'SERIOUS')).minimumEndsOn).toBe('2020-02-29');
  });

  it('positive records follow our own rule: 0 to 3 years, 3 years by default, in every regime', () => {
    for (const decidedOn of ['2018-05-31', '2023-05-01', '2026-08-31']) {
      const bounds = publicityBounds({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn });
      expect(bounds.regime).toBe('OWN_POSITIVE_RULE');
      expect(bounds.minimumEndsOn).toBe(decidedOn);
      expect(bounds.defaultEndsOn).toBe(bounds.maximumEndsOn);
    }
    expect(publicityBounds({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2024-02-29' }).maximumEndsOn).toBe(
      '2027-02-28',
    );
  });

  it('accepts a custom end inside [minimum, maximum] only, bounds included', () => {
    const bounds = publicityBounds(negative('2026-05-10', 'GENERAL'));
    expect(bounds).toMatchObject({ minimumEndsOn: '2026-08-10', maximumEndsOn: '2027-05-10' });
    expect(allowsEnd(bounds, '2026-08-10')).toBe(true);
    expect(allowsEnd(bounds, '2026-12-01')).toBe(true);
    expect(allowsEnd(bounds, '2027-05-10')).toBe(true);
    expect(allowsEnd(bounds, '2026-08-09')).toBe(false);
    expect(allowsEnd(bounds, '2027-05-11')).toBe(false);
  });
});

describe('several penalty types in one decision: the longest period applies, under each regime', () => {
  it.each([
    // decided, severity, penalty types, minimum end, maximum end, default end
    ['2019-07-01', 'GENERAL', ['WARNING'], '2019-10-01', '2019-10-01', '2019-10-01'],
    ['2019-07-01', 'GENERAL', ['WARNING', 'FINE'], '2019-10-01', '2020-07-01', '2020-07-01'],
    ['2019-07-01', 'SERIOUS', ['CIRCULATED_CRITICISM', 'LICENCE_REVOCATION'], '2020-01-01', '2022-07-01', '2022-07-01'],
    ['2024-03-10', 'GENERAL', ['WARNING', 'CIRCULATED_CRITICISM'], '2024-06-10', '2024-06-10', '2024-06-10'],
    ['2024-03-10', 'GENERAL', ['FINE', 'WARNING'], '2024-06-10', '2027-03-10', '2027-03-10'],
    ['2026-04-01', 'SERIOUS', ['WARNING'], '2027-04-01', '2027-04-01', '2027-04-01'],
    ['2026-04-01', 'SERIOUS', ['WARNING', 'ORDERED_CLOSURE', 'FINE'], '2027-04-01', '2029-04-01', '2029-04-01'],
    ['2026-04-01', 'MINOR', ['WARNING', 'FINE'], '2026-04-01', '2026-07-01', '2026-04-01'],
  ] as const)('%s %s %j: %s to %s, default %s', (decidedOn, severity, penaltyTypes, minimumEndsOn, maximumEndsOn, defaultEndsOn) => {
    expect(publicityBounds(negative(decidedOn, severity, { penaltyTypes }))).toMatchObject({ minimumEndsOn, maximumEndsOn, defaultEndsOn });
  });

  it('takes the severity’s period when no type is given, or only types published for the whole period', () => {
    for (const decidedOn of ['2019-07-01', '2024-03-10', '2026-04-01']) {
      for (const severity of ['MINOR', 'GENERAL', 'SERIOUS'] as const) {
        const plain = publicityBounds(negative(decidedOn, severity));
        expect(publicityBounds(negative(decidedOn, severity, { penaltyTypes: [] }))).toEqual(plain);
        expect(publicityBounds(negative(decidedOn, severity, { penaltyTypes: ['FINE', 'LICENCE_SUSPENSION'] }))).toEqual(plain);
      }
    }
  });

  it('lifts a warning in a sector with a one-year minimum to that year (Order 58)', () => {
    expect(publicityBounds(negative('2024-03-10', 'GENERAL', { domain: 'FIRE_SAFETY', penaltyTypes: ['WARNING'] }))).toMatchObject({
      minimumEndsOn: '2025-03-10',
      maximumEndsOn: '2025-03-10',
      defaultEndsOn: '2025-03-10',
    });
  });

  it('names the source of the longest-period rule, and calls the admonition row our own', () => {
    expect(SEVERAL_PENALTY_TYPES.source).toContain('期限最长');
    for (const regime of NEGATIVE_REGIMES) expect(regime.minimumOnly.source).toMatch(/own rule/);
  });
});

describe('publicity end of a submitted record', () => {
  const input = recordInput();

  it('defaults to the maximum and keeps the minimum and regime with the record', () => {
    const result = validateRecord(input, '2026-11-21');
    expect(result).toMatchObject({
      ok: true,
      record: { publicityEndsOn: '2027-05-10', minimumPublicityEndsOn: '2026-08-10', publicityRegime: 'ORDER_36' },
    });
  });

  it('takes an end inside the bounds and refuses one outside with the bounds in the violation', () => {
    expect(validateRecord({ ...input, publicityEndsOn: '2026-08-10' }, '2026-11-21')).toMatchObject({ ok: true, record: { publicityEndsOn: '2026-08-10' } });
    expect(validateRecord({ ...input, publicityEndsOn: '2027-05-11' }, '2026-11-21')).toMatchObject({
      ok: false,
      violation: { field: 'publicityEndsOn', reason: 'PUBLICITY_OUT_OF_RANGE', details: { minimumEndsOn: '2026-08-10', maximumEndsOn: '2027-05-10' } },
    });
  });
});

// DESIGN §4: the figures were checked only against secondary sources, so each row of the table
// must say where its figures come from; a row without a source could not be checked again.
describe('the publicity table names the source of each row', () => {
  const rows = [...NEGATIVE_REGIMES, POSITIVE_RULE].map(({ regime, source }) => ({ regime, source }));

  it('has exactly one row per publicity regime, so no regime takes figures from elsewhere', () => {
    expect(rows.map((r) => r.regime).sort()).toEqual([...PUBLICITY_REGIMES].sort());
  });

  it.each(rows.map((r) => [r.regime, r.source] as const))('%s names a source', (_regime, source) => {
    expect(typeof source).toBe('string');
    expect(source.trim()).not.toBe('');
  });

  it.each([
    // regime, the document DESIGN §4 cites for it, as it is numbered there
    ['NOTICE_2019_527', ['发改办财金〔2019〕527号']],
    ['ORDER_58', ['令第58号']],
    ['ORDER_36', ['令第36号', '国办发〔2025〕22号']],
  ] as const)('%s names the document DESIGN cites for it', (regime, citations) => {
    const source = rows.find((r) => r.regime === regime)?.source ?? '';
    for (const citation of citations) expect(source).toContain(citation);
  });

  it('says that the positive rule is our own, as no national document sets one', () => {
    expect(POSITIVE_RULE.source).toMatch(/own rule/);
  });
});
