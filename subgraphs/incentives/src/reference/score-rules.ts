/**
 * The integrity score's starting data. The grade bands are DESIGN §4's. The points are our own
 * calibration, not taken from any policy document: from the base (grade A), one MINOR record
 * leaves a person in A, one GENERAL drops them to B, one SERIOUS to C; two positive records
 * reach AA and three AAA.
 */
import type { Grade } from '../vocabulary.js';

export const SCORE_WEIGHTS: readonly { code: string; points: number }[] = [
  { code: 'BASE', points: 1000 },
  { code: 'POSITIVE', points: 20 },
  { code: 'NEGATIVE_MINOR', points: -10 },
  { code: 'NEGATIVE_GENERAL', points: -50 },
  { code: 'NEGATIVE_SERIOUS', points: -200 },
];

/** AAA ≥ 1050, AA 1030–1049, A 960–1029, B 850–959, C 600–849, D ≤ 599 (DESIGN §4). */
export const GRADE_BANDS: readonly { grade: Grade; minScore: number | null }[] = [
  { grade: 'AAA', minScore: 1050 },
  { grade: 'AA', minScore: 1030 },
  { grade: 'A', minScore: 960 },
  { grade: 'B', minScore: 850 },
  { grade: 'C', minScore: 600 },
  { grade: 'D', minScore: null },
];
