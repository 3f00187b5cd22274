import { toCatalog } from './catalog.js';
import type { Fact } from './facts.js';
import type { RedListEntry } from './red-list.js';
import { MEASURE_TRIGGERS_DATA } from './reference/measure-triggers.js';
import { MEASURES } from './reference/measures.js';

let n = 0;

/** The subject of the rule tests' nominations. */
export const PERSON = '00000000-0000-4000-a000-000000000001';

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

/** A live nomination for the rule tests: a year from 2026-06-01, fresh id unless overridden. */
export function nomination(overrides: Partial<RedListEntry> = {}): RedListEntry {
  n += 1;
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    subjectId: PERSON,
    nominatingDepartment: '县文明办',
    reason: '优秀志愿者',
    nominatedOn: '2026-06-01',
    endsOn: '2027-06-01',
    revokedOn: null,
    revocationReason: null,
    ...overrides,
  };
}

/** The published catalog with its seeded triggers, as the loader would read it. */
export const CATALOG = toCatalog(MEASURES, MEASURE_TRIGGERS_DATA);
