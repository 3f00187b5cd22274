import { describe, expect, it } from 'vitest';
import { fact } from './facts.testing.js';
import { GRADE_BANDS, SCORE_WEIGHTS } from './reference/score-rules.js';
import { gradeFor, integrityScore, toScoreRules } from './scoring.js';

const TODAY = '2026-11-21';
const RULES = toScoreRules(SCORE_WEIGHTS, GRADE_BANDS);


describe('gradeFor', () => {
  it.each([
    [1050, 'AAA'], [1049, 'AA'],
    [1030, 'AA'], [1029, 'A'],
    [960, 'A'], [959, 'B'],
    [850, 'B'], [849, 'C'],
    [600, 'C'], [599, 'D'],
    [-400, 'D'], [5000, 'AAA'],
  ])('grades %i as %s', (value, grade) => {
    expect(gradeFor(value, RULES.bands)).toBe(grade);
  });

  it('does not depend on the order of the band rows', () => {
    const shuffled = [...RULES.bands].reverse();
    expect([1049, 960, 599].map((v) => gradeFor(v, shuffled))).toEqual(['AA', 'A', 'D']);
  });

  it('leaves a value below every bound ungraded when no band is open-ended', () => {
    expect(gradeFor(599, RULES.bands.filter((b) => b.minScore !== null))).toBeNull();
  });
});

describe('integrityScore', () => {
  it('is the base with no contributions for a person without records', () => {
    expect(integrityScore([], RULES, TODAY)).toEqual({ value: 1000, grade: 'A', contributions: [] });
  });

  it('adds one weighted contribution per ACTIVE record, newest first, summing to value − base', () => {
    const facts = [
      fact({ kind: 'POSITIVE', severity: null, category: 'HONOUR', decidedOn: '2026-03-01' }),
      fact({ severity: 'SERIOUS', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01' }),
      fact({ severity: 'GENERAL', decidedOn: '2026-05-01' }),
      fact({ severity: 'MINOR', decidedOn: '2026-06-01' }),
    ];
    const score = integrityScore(facts, RULES, TODAY);
    expect(score.value).toBe(1000 + 20 - 200 - 50 - 10);
    expect(score.grade).toBe('C');
    expect(score.contributions.reduce((sum, c) => sum + c.points, 0)).toBe(score.value - RULES.base);
    expect(score.contributions.map((c) => c.reason)).toEqual([
      'NEGATIVE MINOR record, decided 2026-06-01',
      'NEGATIVE GENERAL record, decided 2026-05-01',
      'POSITIVE record, decided 2026-03-01',
      'NEGATIVE SERIOUS record, decided 2025-03-01',
    ]);
    expect(score.contributions[3]).toEqual({ recordId: facts[1]!.id, points: -200, reason: 'NEGATIVE SERIOUS record, decided 2025-03-01' });
  });

  it('does not count REPAIRED, REVOKED or EXPIRED records', () => {
    const facts = [
      fact({ severity: 'SERIOUS', status: 'REPAIRED' }),
      fact({ severity: 'SERIOUS', status: 'REVOKED' }),
      fact({ severity: 'SERIOUS', publicityEndsOn: '2026-11-01' }),
      fact({ severity: 'MINOR' }),
    ];
    const score = integrityScore(facts, RULES, TODAY);
    expect(score.value).toBe(990);
    expect(score.contributions.map((c) => c.recordId)).toEqual([facts[3]!.id]);
  });

  it('counts a record the day before publicityEndsOn and not on it', () => {
    const facts = [fact({ severity: 'SERIOUS', publicityEndsOn: '2026-11-22' })];
    expect(integrityScore(facts, RULES, '2026-11-21').value).toBe(800);
    expect(integrityScore(facts, RULES, '2026-11-22').value).toBe(1000);
  });

  it('prices records by the rules it is given', () => {
    const harsher = toScoreRules(
      SCORE_WEIGHTS.map((w) => (w.code === 'NEGATIVE_GENERAL' ? { ...w, points: -100 } : w)),
      GRADE_BANDS,
    );
    expect(integrityScore([fact({})], harsher, TODAY)).toMatchObject({ value: 900, grade: 'B' });
  });

  it('skips records whose kind and severity have no weight row', () => {
    const rules = toScoreRules(SCORE_WEIGHTS.filter((w) => w.code !== 'NEGATIVE_MINOR'), GRADE_BANDS);
    expect(integrityScore([fact({ severity: 'MINOR' })], rules, TODAY)).toEqual({ value: 1000, grade: 'A', contributions: [] });
  });

  it('refuses rules without a BASE row', () => {
    expect(() => toScoreRules(SCORE_WEIGHTS.filter((w) => w.code !== 'BASE'), GRADE_BANDS)).toThrow(/BASE/);
  });
});
