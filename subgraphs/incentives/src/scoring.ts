import { isActive, type Fact } from './facts.js';
import type { Grade } from './vocabulary.js';

/** The score's data, read from `score_weights` and `grade_bands`. */
export interface ScoreRules {
  base: number;
  /** Points per weight code (see `weightCode`). */
  points: ReadonlyMap<string, number>;
  bands: readonly { grade: Grade; minScore: number | null }[];
}

export interface ScoreContribution {
  recordId: string;
  points: number;
  reason: string;
}

export interface IntegrityScore {
  value: number;
  grade: Grade | null;
  contributions: ScoreContribution[];
}

/** Rules from the rows of `score_weights` (BASE is the start, the rest are weights) and `grade_bands`. */
export function toScoreRules(weights: readonly { code: string; points: number }[], bands: ScoreRules['bands']): ScoreRules {
  const points = new Map(weights.map((w) => [w.code, w.points]));
  const base = points.get('BASE');
  if (base === undefined) throw new Error('score_weights has no BASE row');
  points.delete('BASE');
  return { base, points, bands };
}

/** POSITIVE, or NEGATIVE_<SEVERITY>: the row of `score_weights` that prices a record. */
export function weightCode(fact: Pick<Fact, 'kind' | 'severity'>): string {
  return fact.kind === 'NEGATIVE' ? `NEGATIVE_${fact.severity}` : fact.kind;
}

/** The band with the highest lower bound the value reaches; a null bound catches everything. */
export function gradeFor(value: number, bands: ScoreRules['bands']): Grade | null {
  let grade: Grade | null = null;
  let reached = -Infinity;
  for (const band of bands) {
    const bound = band.minScore ?? -Infinity;
    if (value >= bound && (grade === null || bound > reached)) {
      grade = band.grade;
      reached = bound;
    }
  }
  return grade;
}

/**
 * Base plus one contribution per ACTIVE record (newest decision first), so the contributions
 * always sum to value − base. A record kind without a weight row contributes nothing.
 */
export function integrityScore(facts: readonly Fact[], rules: ScoreRules, today: string): IntegrityScore {
  const contributions: ScoreContribution[] = [];
  const counted = facts
    .filter((f) => isActive(f, today))
    .sort((a, b) => (a.decidedOn === b.decidedOn ? (a.id < b.id ? -1 : 1) : a.decidedOn < b.decidedOn ? 1 : -1));
  for (const fact of counted) {
    const points = rules.points.get(weightCode(fact));
    if (points === undefined) continue;
    const label = fact.severity ? `${fact.kind} ${fact.severity}` : fact.kind;
    contributions.push({ recordId: fact.id, points, reason: `${label} record, decided ${fact.decidedOn}` });
  }
  const value = contributions.reduce((sum, c) => sum + c.points, rules.base);
  return { value, grade: gradeFor(value, rules.bands), contributions };
}
