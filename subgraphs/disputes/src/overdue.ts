/** The credit office's list of open objections past their deadline, oldest due date first. */
import { toConnection, type Connection, type Db } from '@credit/kit';
import { and, asc, inArray, lt, sql } from 'drizzle-orm';
import { objections } from './db/schema.js';
import { deadlineAnchor, overdueIfAnchoredBefore } from './deadlines.js';
import type { ObjectionRow } from './loaders.js';
import { OPEN_OBJECTION_STATUSES } from './vocabulary.js';
import type { Calendar } from './working-days.js';

/**
 * The deadline grows with its anchor (filedOn, or forwardedOn once forwarded), so ordering by
 * (anchor, id) is ordering by due date, and the page is a range of the partial index on it.
 */
const anchor = sql<string>`coalesce(${objections.forwardedOn}, ${objections.filedOn})`;

export async function overdueObjections(
  db: Db,
  { today, calendar, size, after }: { today: string; calendar: Calendar; size: number; after: [string, string] | null },
): Promise<Connection<ObjectionRow>> {
  const conditions = [inArray(objections.status, [...OPEN_OBJECTION_STATUSES]), lt(anchor, overdueIfAnchoredBefore(today, calendar))];
  if (after) conditions.push(sql`(${anchor}, ${objections.id}) > (${after[0]}::date, ${after[1]}::uuid)`);
  const rows = await db
    .select()
    .from(objections)
    .where(and(...conditions))
    .orderBy(asc(anchor), asc(objections.id))
    .limit(size + 1);
  return toConnection(rows, size, (row) => [deadlineAnchor(row), row.id]);
}
