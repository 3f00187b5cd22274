import { EVENT, type OutboxEvent, type RecordFacts, type Subscriptions } from '@credit/kit';
import type { RecordRow } from './store.js';

/** Disputes and incentives keep their own copy of each record's facts. */
export const subscriptions: Subscriptions = { [EVENT.recordChanged]: ['disputes', 'incentives'] };

export function recordChanged(row: RecordRow): OutboxEvent {
  const payload: RecordFacts = {
    id: row.id,
    subjectId: row.subjectId,
    kind: row.kind,
    severity: row.severity,
    domain: row.domain,
    category: row.category,
    penaltyTypes: row.penaltyTypes,
    regionCode: row.regionCode,
    determiningAuthority: row.determiningAuthority,
    decidedOn: row.decidedOn,
    publicityEndsOn: row.publicityEndsOn,
    minimumPublicityEndsOn: row.minimumPublicityEndsOn,
    status: row.status,
    version: row.version,
  };
  return { type: EVENT.recordChanged, payload };
}
