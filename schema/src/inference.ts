/**
 * Masks that hold against the other fields of the same answer (DESIGN §5, Inference and purpose).
 * A SENSITIVE value may be derivable from other fields: the citizen ID number is region code +
 * birth date + sequence + check character (GB 11643-1999), so a caller who gets it masked must not
 * get enough of its parts in full to rebuild it. The SDL declares the parts on the derived field
 * (`@privacy(..., derivedFrom: [...])`); this module says what each part gives away and refuses a
 * policy under which fewer than `MIN_CANDIDATES` numbers stay possible.
 */
import type { Classification } from './lint.js';
import { POLICY, decisionFor } from './policy.js';
import type { PrivacyMask } from './privacy.js';

/** Rule of thumb of issue 11: from one answer, at least this many numbers must stay possible. */
export const MIN_CANDIDATES = 1000;

/** What a caller learns of one part: all of it, a coarse version (a mask or a band), or nothing. */
export type Reveal = 'FULL' | 'COARSE' | 'NONE';

/**
 * The citizen ID number under the CITIZEN_ID mask (`1101**********002X`) shows province and
 * prefecture (4 digits) and the sequence and check character (4 characters); hidden are the last
 * two region digits and the eight birth-date digits. For each part, how many values of the hidden
 * digits stay possible when the caller learns FULL, COARSE or NONE of it. The check character
 * then keeps about one in 11 combinations.
 */
const DAYS_PER_YEAR = 365.25;
const CITIZEN_ID_PARTS: Readonly<Record<string, Readonly<Record<Reveal, number>>>> = {
  // Two hidden county digits; the prefecture mask shows nothing the masked number does not.
  regionCode: { FULL: 1, COARSE: 100, NONE: 100 },
  // A birth date within the last hundred years.
  birthDate: { FULL: 1, COARSE: Math.round(10 * DAYS_PER_YEAR), NONE: Math.round(100 * DAYS_PER_YEAR) },
  // A ten-year band: ten years of dates.
  ageBand: { FULL: Math.round(10 * DAYS_PER_YEAR), COARSE: Math.round(100 * DAYS_PER_YEAR), NONE: Math.round(100 * DAYS_PER_YEAR) },
  // Odd or even sequence: the masked number shows the sequence already.
  gender: { FULL: 1, COARSE: 1, NONE: 1 },
};
const CHECK_CHARACTERS = 11;

/** The derivation models by the derived field's mask style. */
const MODELS: Partial<Record<PrivacyMask, Readonly<Record<string, Readonly<Record<Reveal, number>>>>>> = { CITIZEN_ID: CITIZEN_ID_PARTS };

/** Masks that coarsen a part rather than hide it. */
const COARSENING: ReadonlySet<PrivacyMask> = new Set(['REGION_PREFECTURE']);

/** How many hidden-digit combinations stay possible, given what the caller learns of each part. */
export function candidateCount(mask: PrivacyMask, reveals: Readonly<Record<string, Reveal>>): number {
  const model = MODELS[mask];
  if (!model) return Number.POSITIVE_INFINITY;
  const byDate = Math.min(model.birthDate![reveals.birthDate ?? 'NONE'], model.ageBand![reveals.ageBand ?? 'NONE']);
  const region = model.regionCode![reveals.regionCode ?? 'NONE'];
  return Math.floor((region * byDate) / CHECK_CHARACTERS);
}

function reveal(decision: string, classification: Classification | undefined): Reveal {
  if (!classification || decision === 'DENY') return 'NONE';
  if (decision === 'ALLOW') return 'FULL';
  return COARSENING.has(classification.mask) ? 'COARSE' : 'NONE';
}

/**
 * Every policy row under which a caller would receive a derived SENSITIVE field masked and, in the
 * same answer, enough of its parts to leave fewer than MIN_CANDIDATES values; also a declared
 * part the model does not know, or on a type where it is not declared.
 */
export function inferenceProblems(classified: ReadonlyMap<string, Classification>): string[] {
  const problems: string[] = [];
  for (const [coordinate, derived] of classified) {
    if (!derived.derivedFrom?.length) continue;
    const model = MODELS[derived.mask];
    const typeName = coordinate.split('.')[0]!;
    if (!model) {
      problems.push(`${coordinate} declares derivedFrom, but no inference model knows its mask ${derived.mask}`);
      continue;
    }
    for (const part of derived.derivedFrom) {
      if (!(part in model)) problems.push(`${coordinate}: the inference model does not know the part ${part}`);
      if (!classified.has(`${typeName}.${part}`)) problems.push(`${coordinate}: derivedFrom names ${typeName}.${part}, which does not exist`);
    }
    for (const row of POLICY) {
      if (decisionFor(row.role, row.purpose, derived.level) !== 'MASK') continue;
      const reveals = Object.fromEntries(
        derived.derivedFrom.map((part) => {
          const classification = classified.get(`${typeName}.${part}`);
          return [part, reveal(classification ? decisionFor(row.role, row.purpose, classification.level) : 'DENY', classification)];
        }),
      );
      const count = candidateCount(derived.mask, reveals);
      if (count < MIN_CANDIDATES) {
        const full = Object.entries(reveals)
          .filter(([, r]) => r !== 'NONE')
          .map(([part, r]) => `${typeName}.${part} (${r === 'FULL' ? 'in full' : 'coarse'})`);
        problems.push(
          `${row.role} × ${row.purpose} receives ${coordinate} masked and ${full.join(', ')}: about ${count} values stay possible, fewer than ${MIN_CANDIDATES}`,
        );
      }
    }
  }
  return problems;
}
