import { EVENT, isUuid, type EventHandlers, type ObjectionFiled, type OutboxEvent, type RecordFacts, type Subscriptions } from '@credit/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';
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
    regionCode: row.regionCode,
    decidedOn: row.decidedOn,
    publicityEndsOn: row.publicityEndsOn,
    minimumPublicityEndsOn: row.minimumPublicityEndsOn,
    status: row.status,
    version: row.version,
  };
  return { type: EVENT.recordChanged, payload };
}

export const handlers: EventHandlers = {
  // The flag is not among the published facts, so setting it emits no record.changed (it would
  // only echo the objection back to disputes).
  [EVENT.objectionFiled]: async (tx, payloads) => {
    const ids = [...new Set((payloads as ObjectionFiled[]).map((p) => p.recordId))].filter(isUuid);
    if (ids.length === 0) return;
    await tx
      .update(creditRecords)
      .set({ underObjection: true })
      .where(and(inArray(creditRecords.id, ids), eq(creditRecords.underObjection, false)));
  },
};
