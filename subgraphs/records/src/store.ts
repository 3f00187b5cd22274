import { randomUUID } from 'node:crypto';
import { effectiveStatus, enqueue, insertMany, type Tx } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { creditRecords, eventTables, type RecordRow } from './db/schema.js';
import { recordChanged, subscriptions } from './events.js';
import { appendChanges, started, type FeedEntry } from './feed.js';
import type { ValidRecord } from './validation.js';

export type { RecordRow };

/** Columns a record gets only later in its life (repair, revocation, correction). */
const LIFECYCLE_COLUMNS = {
  repairId: null,
  repairedOn: null,
  revokedOn: null,
  correctedById: null,
  correctsId: null,
  closingObjectionId: null,
  // The feed opens the publication when it appends its start (feed.ts), in the same transaction.
  publicationOpen: false,
} as const satisfies Partial<RecordRow>;

/**
 * A new record as stored: every column is set here, so the inserted row needs no read-back.
 * Seeded records bring their own id and objection flag; a corrected copy names its original.
 */
export function newRecord(
  record: ValidRecord,
  submittedAt: Date,
  given: { id?: string; underObjection?: boolean; correctsId?: string } = {},
): RecordRow {
  return {
    id: given.id ?? randomUUID(),
    ...record,
    status: 'ACTIVE',
    underObjection: given.underObjection ?? false,
    version: 1,
    submittedAt,
    ...LIFECYCLE_COLUMNS,
    correctsId: given.correctsId ?? null,
  };
}

/** Published (ACTIVE) on a business date; every other record is in the archive. */
export const isPublished = (row: Pick<RecordRow, 'status' | 'publicityEndsOn'>, today: string) =>
  effectiveStatus(row.status, row.publicityEndsOn, today) === 'ACTIVE';

/** A record's identity as its determining authority knows it (unique among current versions). */
export const documentKey = (r: Pick<RecordRow, 'determiningAuthority' | 'documentNumber' | 'subjectId'>) =>
  JSON.stringify([r.determiningAuthority, r.documentNumber, r.subjectId]);

/**
 * Tells disputes and incentives the new facts of `changed` and appends `feed` to the change feed,
 * in the caller's transaction. The feed goes last: it takes the feed lock, held until commit.
 */
export async function announce(tx: Tx, changed: readonly RecordRow[], feed: readonly FeedEntry[]): Promise<void> {
  await enqueue(tx, eventTables, subscriptions, changed.map(recordChanged));
  await appendChanges(tx, feed);
}

// The partial unique index credit_records_document_idx: ON CONFLICT names its columns and predicate.
const DOCUMENT_KEY = sql.join([creditRecords.determiningAuthority, creditRecords.documentNumber, creditRecords.subjectId].map((c) => sql.identifier(c.name)), sql`, `);
const CURRENT_VERSION = sql`corrected_by_id is null`;

/**
 * Inserts records with their `record.changed` events and, for those published on `today`, their
 * PUBLICATION_STARTED, in the caller's transaction. A record whose document key already exists is
 * skipped; the rows actually inserted are returned.
 */
export async function insertRecords(tx: Tx, rows: readonly RecordRow[], today: string): Promise<RecordRow[]> {
  const returned = await insertMany(tx, creditRecords, rows, sql`on conflict (${DOCUMENT_KEY}) where ${CURRENT_VERSION} do nothing returning id`);
  const insertedIds = new Set(returned.map((r) => r.id as string));
  const inserted = rows.filter((r) => insertedIds.has(r.id));
  const feed = inserted.filter((r) => isPublished(r, today)).map((r) => started(r.id, r.decidedOn));
  await announce(tx, inserted, feed);
  return inserted;
}
