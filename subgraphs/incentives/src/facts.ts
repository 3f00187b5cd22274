import { effectiveStatus, type RecordFactsRow, type StoredRecordStatus } from '@credit/kit';

/** What the score and the list rules read of a projected credit record. */
export type Fact = Pick<RecordFactsRow, 'id' | 'kind' | 'severity' | 'category' | 'decidedOn' | 'publicityEndsOn' | 'status'>;

/** In publicity on `today`: only such records count (DESIGN §4, Status). The facts loader filters by it in SQL (loaders.ts, inPublicity). */
export function isActive(fact: Fact, today: string): boolean {
  // The projection stores only statuses `record.changed` carries.
  return effectiveStatus(fact.status as StoredRecordStatus, fact.publicityEndsOn, today) === 'ACTIVE';
}

/** Puts its subject on the black list: an ACTIVE SERIOUS record; it leaves on repair, revocation or expiry. */
export function isSeriousDishonesty(fact: Fact, today: string): boolean {
  return fact.kind === 'NEGATIVE' && fact.severity === 'SERIOUS' && isActive(fact, today);
}

export function onSeriousDishonestyList(facts: readonly Fact[], today: string): boolean {
  return facts.some((f) => isSeriousDishonesty(f, today));
}

/**
 * Puts its subject on the red list: an ACTIVE POSITIVE record in the HONOUR category (honours,
 * model citizens, excellent volunteers are recorded there). A department's nomination does too
 * (red-list.ts).
 */
export function isHonour(fact: Fact, today: string): boolean {
  return fact.kind === 'POSITIVE' && fact.category === 'HONOUR' && isActive(fact, today);
}
