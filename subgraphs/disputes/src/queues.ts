/**
 * The review purposes' work queues (DESIGN §5, Inference and purpose: review purposes reach their
 * queues, not person listings). Each page is one statement, a range scan of a partial index in
 * queue order; the nodes' subjects are keys the gateway resolves in one batch per page.
 */
import { badInput, decodeCursor, isIsoDate, isUuid, toConnection, type Connection, type Db } from '@credit/kit';
import { and, asc, getTableColumns, lt, sql } from 'drizzle-orm';
import { objections, repairApplications } from './db/schema.js';
import { deadlineAnchor } from './deadlines.js';
import type { ObjectionRow, RepairRow } from './loaders.js';

/**
 * The deadline grows with its anchor (filedOn, or forwardedOn once forwarded), so ordering by
 * (anchor, id) is ordering by due date, and the page is a range of the partial index on it.
 */
const deadlineAnchorSql = sql<string>`coalesce(${objections.forwardedOn}, ${objections.filedOn})`;

/**
 * Open (SUBMITTED or FORWARDED), written as the partial indexes' own predicate: a bound parameter
 * would hide it from a generic plan, which could then not use the index.
 */
const isOpenObjection = sql`${objections.status} in ('SUBMITTED', 'FORWARDED')`;
const isSubmittedRepair = sql`${repairApplications.status} = 'SUBMITTED'`;

type ObjectionQueue = { size: number; after: [string, string] | null; anchoredBefore?: string };

/** The statement of one page (limit size + 1): open objections in due order, from `after`, anchored before `anchoredBefore`. */
export function objectionQueueQuery(db: Db, { size, after, anchoredBefore }: ObjectionQueue) {
  const conditions = [isOpenObjection];
  if (anchoredBefore) conditions.push(lt(deadlineAnchorSql, anchoredBefore));
  if (after) conditions.push(sql`(${deadlineAnchorSql}, ${objections.id}) > (${after[0]}::date, ${after[1]}::uuid)`);
  return db
    .select()
    .from(objections)
    .where(and(...conditions))
    .orderBy(asc(deadlineAnchorSql), asc(objections.id))
    .limit(size + 1);
}

/**
 * Open objections, the oldest due date first (by deadline anchor, then id); with `anchoredBefore`,
 * only those anchored before that date (overdue.ts).
 */
export async function openObjections(db: Db, page: ObjectionQueue): Promise<Connection<ObjectionRow>> {
  return toConnection(await objectionQueueQuery(db, page), page.size, (row) => [deadlineAnchor(row), row.id]);
}

/**
 * filed_at to the microsecond in UTC, as the cursor carries it: a JavaScript Date keeps only
 * milliseconds, and a truncated key would hand the same row out again on the next page.
 */
const filedAtKey = sql<string>`to_char(${repairApplications.filedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const FILED_AT_KEY = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;

/** The (filedAt, id) key of submittedRepairs; a forged cursor must not reach SQL as a bad timestamp or uuid. */
export function decodeFiledAtIdCursor(cursor: string | null | undefined): [string, string] | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [at, id] = key.map(String) as [string, string];
  const match = FILED_AT_KEY.exec(at);
  if (!match || !isIsoDate(match[1]!) || !isUuid(id)) throw badInput('after is not a cursor from this list', { argument: 'after' });
  return [at, id];
}

/** The statement of one page (limit size + 1): SUBMITTED repair applications in filing order, from `after`. */
export function repairQueueQuery(db: Db, { size, after }: { size: number; after: [string, string] | null }) {
  const conditions = [isSubmittedRepair];
  if (after) conditions.push(sql`(${repairApplications.filedAt}, ${repairApplications.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  return db
    .select({ ...getTableColumns(repairApplications), filedAtKey })
    .from(repairApplications)
    .where(and(...conditions))
    .orderBy(asc(repairApplications.filedAt), asc(repairApplications.id))
    .limit(size + 1);
}

/** SUBMITTED repair applications, the oldest filing first (then id). */
export async function submittedRepairs(db: Db, page: { size: number; after: [string, string] | null }): Promise<Connection<RepairRow>> {
  const { edges, pageInfo } = toConnection(await repairQueueQuery(db, page), page.size, (row) => [row.filedAtKey, row.id]);
  return { edges: edges.map(({ cursor, node: { filedAtKey: _key, ...node } }) => ({ cursor, node })), pageInfo };
}
