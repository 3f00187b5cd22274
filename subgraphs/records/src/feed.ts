/**
 * The change feed for the provincial platform (issue 4, point 8): each start and end of a
 * record's publication, numbered by `record_changes.sequence`.
 *
 * A reader resumes after the last sequence it saw, so sequences must become visible in order: a
 * writer that took sequence 7 and committed after another writer's 8 had been read would be
 * skipped for ever. Every writer therefore takes FEED_LOCK (transaction-level) right before it
 * inserts and keeps it until its commit, and a sequence is only drawn under that lock: commit order
 * is sequence order. Writers take it last in their transaction, after every other row lock, so the
 * lock never waits in a cycle with them.
 */
import { badInput, decodeCursor, type Db, type Tx } from '@credit/kit';
import { asc, gt, sql } from 'drizzle-orm';
import { creditRecords, recordChanges, type EndReason, type FeedRow, type RecordChange } from './db/schema.js';

/** pg_advisory_xact_lock key of the feed; other subgraphs may share the database ('rchg'). */
const FEED_LOCK = 0x72636867;

/** The export reads the feed in batches of this size (the GraphQL feed pages up to the gateway's 100). */
export const EXPORT_BATCH = 500;

/** 1000 entries of 5 parameters each per statement. */
const CHUNK = 1000;

export type { FeedRow };

export interface FeedEntry {
  recordId: string;
  change: RecordChange;
  reason: EndReason | null;
  /** The business date from which the change holds. */
  effectiveOn: string;
}

export const started = (recordId: string, on: string): FeedEntry => ({ recordId, change: 'PUBLICATION_STARTED', reason: null, effectiveOn: on });

/**
 * The end of a record's publication on `on` for `reason`; a record whose publicity had already run
 * out by then ended by expiry, on its publicityEndsOn, whatever happened to it afterwards.
 */
export function ended(record: { id: string; publicityEndsOn: string }, reason: Exclude<EndReason, 'EXPIRED'>, on: string): FeedEntry {
  return record.publicityEndsOn <= on
    ? { recordId: record.id, change: 'PUBLICATION_ENDED', reason: 'EXPIRED', effectiveOn: record.publicityEndsOn }
    : { recordId: record.id, change: 'PUBLICATION_ENDED', reason, effectiveOn: on };
}

async function lockFeed(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(FEED_LOCK))})`);
}

/**
 * Appends entries in their order, in the caller's transaction, and holds the feed lock until it
 * commits: call it last. An end is kept only for a record whose publication started (before, or
 * earlier in `entries`); a second start or end of a record is dropped (unique partial indexes).
 * The same statement keeps each record's `publication_open` in step with what it appended.
 */
export async function appendChanges(tx: Tx, entries: readonly FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await lockFeed(tx);
  for (let i = 0; i < entries.length; i += CHUNK) {
    const values = entries
      .slice(i, i + CHUNK)
      .map((e, ord) => sql`(${ord}::int, ${e.recordId}::uuid, ${e.change}::text, ${e.reason}::text, ${e.effectiveOn}::date)`);
    await tx.execute(sql`
      with entry (ord, record_id, change, reason, effective_on) as (values ${sql.join(values, sql`, `)}),
      appended as (
        insert into ${recordChanges} (record_id, change, reason, effective_on)
        select record_id, change, reason, effective_on from entry
        where change = 'PUBLICATION_STARTED'
          or exists (select 1 from ${recordChanges} s where s.record_id = entry.record_id and s.change = 'PUBLICATION_STARTED')
          or exists (select 1 from entry s where s.record_id = entry.record_id and s.change = 'PUBLICATION_STARTED' and s.ord < entry.ord)
        order by ord
        on conflict do nothing
        returning record_id, change)
      update ${creditRecords} r set publication_open = opened.open
      from (select record_id, bool_and(change = 'PUBLICATION_STARTED') as open from appended group by record_id) opened
      where r.id = opened.record_id`);
  }
}

/**
 * Expiry is not written by a job: each read first ends, in one statement, every open publication
 * whose publicityEndsOn has come (the record leaves every view on that date). Only open ones are
 * read, through a partial index, so the pass costs what has come due, not the expired history.
 */
async function expirePublications(tx: Tx, today: string): Promise<void> {
  await tx.execute(sql`
    with due as (
      update ${creditRecords} set publication_open = false
      where publication_open and publicity_ends_on <= ${today}::date
      returning id, publicity_ends_on)
    insert into ${recordChanges} (record_id, change, reason, effective_on)
    select id, 'PUBLICATION_ENDED', 'EXPIRED', publicity_ends_on from due
    order by publicity_ends_on, id
    on conflict do nothing`);
}

/** Up to `limit` changes after sequence `after` (null: from the start), oldest first. */
export function readChanges(db: Db, after: number | null, limit: number, today: string): Promise<FeedRow[]> {
  return db.transaction(async (tx) => {
    await lockFeed(tx);
    await expirePublications(tx, today);
    return tx
      .select()
      .from(recordChanges)
      .where(after === null ? undefined : gt(recordChanges.sequence, after))
      .orderBy(asc(recordChanges.sequence))
      .limit(limit);
  });
}

/** The sequence in a feed cursor; a forged one must not reach SQL. */
export function feedAfter(after: string | null | undefined): number | null {
  const key = decodeCursor(after, 1);
  if (!key) return null;
  const [sequence] = key;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) {
    throw badInput('after is not a cursor from this feed', { argument: 'after' });
  }
  return sequence;
}

export const feedCursorKey = (row: FeedRow) => [row.sequence];
