/**
 * What records does with the decisions of disputes (DESIGN §6). The inbox already drops a
 * redelivered event; each transition is also guarded on the record's stored state, so an event
 * that arrives after the record moved on (repaired, revoked, corrected) changes nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  EVENT, isIsoDate, isUuid,
  type EventHandlers, type ObjectionDecided, type ObjectionFiled, type RepairApproved, type Tx,
} from '@credit/kit';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { correctedCopy } from './correction.js';
import { creditRecords } from './db/schema.js';
import { ended, started, type FeedEntry } from './feed.js';
import { announce, isPublished, type RecordRow } from './store.js';

/** What one batch changed: rows to tell the subscribers about, and feed entries. */
interface Changes {
  rows: RecordRow[];
  feed: FeedEntry[];
}

const isStoredActive = (id: string) => and(eq(creditRecords.id, id), eq(creditRecords.status, 'ACTIVE'));
const nextVersion = sql`${creditRecords.version} + 1`;
/** A malformed link is dropped rather than failing the batch, which the relay would retry for ever. */
const uuidOrNull = (id: string) => (isUuid(id) ? id : null);

async function clearObjectionFlag(tx: Tx, recordId: string): Promise<void> {
  await tx
    .update(creditRecords)
    .set({ underObjection: false })
    .where(and(eq(creditRecords.id, recordId), eq(creditRecords.underObjection, true)));
}

/**
 * UPHELD without a correction revokes the record; with one, the record is revoked in favour of a
 * corrected copy, which takes over its document key and is published from the decision date.
 */
async function uphold(tx: Tx, decision: ObjectionDecided, changes: Changes): Promise<void> {
  const { recordId, objectionId, correction, decidedOn } = decision;
  const copyId = correction ? randomUUID() : null;
  // The original leaves the document key's unique index (corrected_by_id set) before its copy enters it.
  const [original] = await tx
    .update(creditRecords)
    .set({
      status: 'REVOKED',
      revokedOn: decidedOn,
      correctedById: copyId,
      closingObjectionId: uuidOrNull(objectionId),
      underObjection: false,
      version: nextVersion,
    })
    .where(isStoredActive(recordId))
    .returning();
  if (!original) {
    // Already repaired, revoked or corrected: the objection is closed all the same.
    await clearObjectionFlag(tx, recordId);
    return;
  }
  changes.rows.push(original);
  if (!correction || !copyId) {
    changes.feed.push(ended(original, 'REVOKED', decidedOn));
    return;
  }
  // Handlers get no clock: submittedAt is when the copy was stored.
  const copy = correctedCopy(original, correction, copyId, new Date());
  await tx.insert(creditRecords).values(copy);
  changes.rows.push(copy);
  changes.feed.push(ended(original, 'CORRECTED', decidedOn));
  if (isPublished(copy, decidedOn)) changes.feed.push(started(copy.id, decidedOn));
}

/** A repair ends publication of a record still stored ACTIVE, even one already expired by date. */
async function repair(tx: Tx, { repairId, recordId, decidedOn }: RepairApproved, changes: Changes): Promise<void> {
  const [repaired] = await tx
    .update(creditRecords)
    .set({ status: 'REPAIRED', repairedOn: decidedOn, repairId: uuidOrNull(repairId), version: nextVersion })
    .where(isStoredActive(recordId))
    .returning();
  if (!repaired) return;
  changes.rows.push(repaired);
  changes.feed.push(ended(repaired, 'REPAIRED', decidedOn));
}

/**
 * Applies each payload in order, then announces everything the batch changed at once. A payload
 * naming no record or no decision date is skipped: it could never apply.
 */
function transitions<T extends { recordId: string; decidedOn: string }>(apply: (tx: Tx, payload: T, changes: Changes) => Promise<void>) {
  return async (tx: Tx, payloads: unknown[]) => {
    const changes: Changes = { rows: [], feed: [] };
    for (const payload of payloads as T[]) {
      if (isUuid(payload.recordId) && isIsoDate(payload.decidedOn)) await apply(tx, payload, changes);
    }
    await announce(tx, changes.rows, changes.feed);
  };
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
  [EVENT.objectionDecided]: transitions<ObjectionDecided>((tx, decision, changes) =>
    decision.outcome === 'UPHELD' ? uphold(tx, decision, changes) : clearObjectionFlag(tx, decision.recordId),
  ),
  [EVENT.repairApproved]: transitions<RepairApproved>(repair),
};
