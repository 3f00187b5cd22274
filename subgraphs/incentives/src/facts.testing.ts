import type { Fact } from './facts.js';

let n = 0;

/** A fact for the rule tests: an ACTIVE GENERAL penalty with a fresh, increasing id unless overridden. */
export function fact(overrides: Partial<Fact>): Fact {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'NEGATIVE',
    severity: 'GENERAL',
    category: 'ADMINISTRATIVE_ACT',
    decidedOn: '2026-01-10',
    publicityEndsOn: '2027-01-10',
    status: 'ACTIVE',
    ...overrides,
  };
}
