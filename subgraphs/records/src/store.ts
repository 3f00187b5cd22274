import { randomUUID } from 'node:crypto';
import { enqueue, type Executor } from '@credit/kit';
import { creditRecords, eventTables } from './db/schema.js';
import { recordChanged, subscriptions } from './events.js';
import type { ValidRecord } from './validation.js';

export type RecordRow = typeof creditRecords.$inferSelect;

/** 1000 rows of 20 columns stay well under PostgreSQL's 65535 parameters per statement. */
const CHUNK = 1000;

/**
 * A new record as stored: every column is set here, so the inserted row needs no read-back.
 * Seeded records bring their own id and objection flag.
 */
export function newRecord(record: ValidRecord, submittedAt: Date, given: { id?: string; underObjection?: boolean } = {}): RecordRow {
  return { id: given.id ?? randomUUID(), ...record, status: 'ACTIVE', underObjection: given.underObjection ?? false, version: 1, submittedAt };
}

/** A record's identity as its determining authority knows it (unique in the table). */
export const documentKey = (r: Pick<RecordRow, 'determiningAuthority' | 'documentNumber' | 'subjectId'>) =>
  JSON.stringify([r.determiningAuthority, r.documentNumber, r.subjectId]);

/**
 * Inserts records with their `record.changed` events, in the caller's transaction. A record whose
 * document key already exists is skipped; the rows actually inserted are returned.
 */
export async function insertRecords(tx: Executor, rows: readonly RecordRow[]): Promise<RecordRow[]> {
  const insertedIds = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await tx
      .insert(creditRecords)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing({ target: [creditRecords.determiningAuthority, creditRecords.documentNumber, creditRecords.subjectId] })
      .returning({ id: creditRecords.id });
    for (const { id } of inserted) insertedIds.add(id);
  }
  const inserted = rows.filter((r) => insertedIds.has(r.id));
  await enqueue(tx, eventTables, subscriptions, inserted.map(recordChanged));
  return inserted;
}
