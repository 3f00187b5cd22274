import { effectiveStatus, type RecordFactsRow, type StoredRecordStatus } from '@credit/kit';

/** What the score and the list rules read of a projected credit record. */
export type Fact = Pick<RecordFactsRow, 'id' | 'kind' | 'severity' | 'category' | 'decidedOn' | 'publicityEndsOn' | 'status'>;

/** In publicity on `today`: only such records count (DESIGN §4, Status). */
export function isActive(fact: Fact, today: string): boolean {
  // The projection stores only statuses `record.changed` carries.
  return effectiveStatus(fact.status as StoredRecordStatus, fact.publicityEndsOn, today) === 'ACTIVE';
}

/** Black list: an ACTIVE SERIOUS record; it leaves on repair, revocation or expiry. */
export function onSeriousDishonestyList(facts: readonly Fact[], today: string): boolean {
  return facts.some((f) => f.kind === 'NEGATIVE' && f.severity === 'SERIOUS' && isActive(f, today));
}

/**
 * Red list: an ACTIVE POSITIVE record in the HONOUR category (honours, model citizens, excellent
 * volunteers are recorded there). Nomination to the red list by a department comes later.
 */
export function onRedList(facts: readonly Fact[], today: string): boolean {
  return facts.some((f) => f.kind === 'POSITIVE' && f.category === 'HONOUR' && isActive(f, today));
}
