import { randomUUID } from 'node:crypto';
import type { PenaltyType } from '@credit/kit';
import { describe, expect, it } from 'vitest';
import { correctedCopy } from './correction.js';
import { publicityBounds } from './publicity.js';
import { newRecord, type RecordRow } from './store.js';

function original(overrides: Partial<RecordRow> = {}): RecordRow {
  const facts = { kind: 'NEGATIVE', severity: 'GENERAL', domain: 'TAXATION', category: 'ADMINISTRATIVE_ACT', decidedOn: '2026-05-10', penaltyTypes: [] as PenaltyType[], ...overrides } as const;
  const bounds = publicityBounds(facts);
  const row = newRecord(
    {
      subjectId: randomUUID(),
      regionCode: '110105',
      determiningAuthority: '北京市朝阳区税务局',
      documentNumber: '京朝税罚〔2026〕7号',
      legalBasis: '《税收征收管理法》第六十三条',
      summary: '逃避缴纳税款',
      publicityEndsOn: bounds.defaultEndsOn,
      minimumPublicityEndsOn: bounds.minimumEndsOn,
      publicityRegime: bounds.regime,
      ...facts,
    },
    new Date('2026-05-10T02:00:00Z'),
  );
  return { ...row, ...overrides, status: 'REVOKED', version: 2, underObjection: false };
}

describe('correctedCopy', () => {
  const at = new Date('2026-11-21T02:00:00Z');

  it('keeps the document and replaces the corrected fields, as a new ACTIVE version 1 pointing at the original', () => {
    const before = original();
    const copy = correctedCopy(before, { summary: '少缴税款', legalBasis: '《税收征收管理法》第六十四条' }, 'copy-id', at);
    expect(copy).toEqual({
      ...before,
      id: 'copy-id',
      summary: '少缴税款',
      legalBasis: '《税收征收管理法》第六十四条',
      status: 'ACTIVE',
      version: 1,
      submittedAt: at,
      correctsId: before.id,
    });
  });

  it.each([
    // decided, from, to, original end, corrected end: the original end clamped into the corrected bounds
    ['ORDER_36 GENERAL to SERIOUS raises the end to the 1-year minimum', '2026-05-10', 'GENERAL', 'SERIOUS', '2026-09-01', '2027-05-10', '2027-05-10'],
    ['ORDER_58 GENERAL to SERIOUS keeps an end inside the same bounds', '2024-01-31', 'GENERAL', 'SERIOUS', '2025-06-30', '2025-06-30', '2024-04-30'],
    ['ORDER_36 SERIOUS to GENERAL lowers the end to the 1-year maximum', '2026-05-10', 'SERIOUS', 'GENERAL', '2029-05-10', '2027-05-10', '2026-08-10'],
    ['ORDER_36 GENERAL to MINOR: 3 months at most', '2026-05-10', 'GENERAL', 'MINOR', '2027-05-10', '2026-08-10', '2026-05-10'],
    ['ORDER_58 GENERAL to MINOR: not published, ends on its decision date', '2024-01-31', 'GENERAL', 'MINOR', '2027-01-31', '2024-01-31', '2024-01-31'],
    ['NOTICE_2019_527 SERIOUS to GENERAL lowers the end to 1 year', '2020-03-10', 'SERIOUS', 'GENERAL', '2023-03-10', '2021-03-10', '2020-06-10'],
    ['NOTICE_2019_527 SERIOUS to GENERAL keeps an end inside', '2020-03-10', 'SERIOUS', 'GENERAL', '2020-12-01', '2020-12-01', '2020-06-10'],
    ['NOTICE_2019_527 GENERAL to SERIOUS raises the end to 6 months', '2020-03-10', 'GENERAL', 'SERIOUS', '2020-06-10', '2020-09-10', '2020-09-10'],
  ] as const)('%s', (_name, decidedOn, from, to, originalEnd, correctedEnd, minimum) => {
    const before = original({ decidedOn, severity: from, publicityEndsOn: originalEnd });
    const copy = correctedCopy(before, { severity: to }, 'copy-id', at);
    expect(copy).toMatchObject({ severity: to, decidedOn, publicityEndsOn: correctedEnd, minimumPublicityEndsOn: minimum, publicityRegime: before.publicityRegime });
  });

  it('applies the 1-year minimum of the Order 58 sectors to the corrected severity', () => {
    const before = original({ decidedOn: '2024-01-31', domain: 'WORK_SAFETY', severity: 'MINOR', publicityEndsOn: '2024-01-31' });
    expect(correctedCopy(before, { severity: 'GENERAL' }, 'copy-id', at)).toMatchObject({ publicityEndsOn: '2025-01-31', minimumPublicityEndsOn: '2025-01-31' });
  });

  it('keeps the decision’s penalty types and applies their longest period under the corrected severity', () => {
    // ORDER_36: a warning alone is published for the minimum only, 1 year when SERIOUS, 3 months when GENERAL.
    const warned = original({ severity: 'SERIOUS', penaltyTypes: ['WARNING'], publicityEndsOn: '2027-05-10' });
    expect(correctedCopy(warned, { severity: 'GENERAL' }, 'copy-id', at)).toMatchObject({
      penaltyTypes: ['WARNING'],
      publicityEndsOn: '2026-08-10',
      minimumPublicityEndsOn: '2026-08-10',
    });
    const fined = original({ severity: 'SERIOUS', penaltyTypes: ['WARNING', 'FINE'], publicityEndsOn: '2027-05-10' });
    expect(correctedCopy(fined, { severity: 'GENERAL' }, 'copy-id', at)).toMatchObject({ penaltyTypes: ['WARNING', 'FINE'], publicityEndsOn: '2027-05-10' });
  });

  it('gives a POSITIVE record no severity whatever the correction says', () => {
    const before = original({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', publicityEndsOn: '2029-05-10' });
    expect(correctedCopy(before, { severity: 'SERIOUS', summary: '优秀志愿者' }, 'copy-id', at)).toMatchObject({
      severity: null,
      summary: '优秀志愿者',
      publicityEndsOn: '2029-05-10',
      publicityRegime: 'OWN_POSITIVE_RULE',
    });
  });
});
