import { groupByKeys, orderByKeys, type Db } from '@credit/kit';
import DataLoader from 'dataloader';
import { desc, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { calendarDays, calendarYears, objections, repairApplications, type ObjectionRow, type RepairRow } from './db/schema.js';
import { isUuid } from '@credit/kit';
import { calendarOf, type Calendar } from './working-days.js';

export type { ObjectionRow, RepairRow };

/** Runs `query` for the keys that can match a uuid column; the others cannot, and would fail the cast. */
async function forValidKeys<T>(keys: readonly string[], query: (valid: string[]) => Promise<T[]>): Promise<T[]> {
  const valid = keys.filter(isUuid);
  return valid.length ? query(valid) : [];
}

/**
 * The years held and their dates, in one statement: a year adds about 40 rows, and a deadline may
 * run into the next year. Rows of a year calendar_years does not list are not read: its dates are
 * refused whatever rows an operator has started to enter.
 */
async function loadCalendar(db: Db): Promise<Calendar> {
  const rows = await db
    .select({ year: calendarYears.year, date: calendarDays.date, kind: calendarDays.kind })
    .from(calendarYears)
    .leftJoin(calendarDays, sql`${calendarDays.date} between make_date(${calendarYears.year}, 1, 1) and make_date(${calendarYears.year}, 12, 31)`);
  const days = rows.flatMap(({ date, kind }) => (date && kind ? [{ date, kind }] : []));
  return calendarOf(days, rows.map((r) => r.year));
}

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db) {
  let calendar: Promise<Calendar> | undefined;
  const objectionsWhere = (column: PgColumn, keys: readonly string[]) =>
    forValidKeys(keys, (valid) =>
      db.select().from(objections).where(inArray(column, valid)).orderBy(desc(objections.filedAt), desc(objections.id)),
    );
  const repairsWhere = (column: PgColumn, keys: readonly string[]) =>
    forValidKeys(keys, (valid) =>
      db
        .select()
        .from(repairApplications)
        .where(inArray(column, valid))
        .orderBy(desc(repairApplications.filedAt), desc(repairApplications.id)),
    );
  return {
    /**
     * Read once per request rather than cached per process: an operator's edit takes effect on
     * the next request in every process, for one read of a few dozen rows.
     */
    calendar: () => (calendar ??= loadCalendar(db)),
    objectionById: new DataLoader<string, ObjectionRow | null>(async (ids) =>
      orderByKeys(ids, await objectionsWhere(objections.id, ids), (o) => o.id),
    ),
    objectionsBySubjectId: new DataLoader<string, ObjectionRow[]>(async (ids) =>
      groupByKeys(ids, await objectionsWhere(objections.subjectId, ids), (o) => o.subjectId),
    ),
    objectionsByRecordId: new DataLoader<string, ObjectionRow[]>(async (ids) =>
      groupByKeys(ids, await objectionsWhere(objections.recordId, ids), (o) => o.recordId),
    ),
    repairById: new DataLoader<string, RepairRow | null>(async (ids) =>
      orderByKeys(ids, await repairsWhere(repairApplications.id, ids), (r) => r.id),
    ),
    repairsBySubjectId: new DataLoader<string, RepairRow[]>(async (ids) =>
      groupByKeys(ids, await repairsWhere(repairApplications.subjectId, ids), (r) => r.subjectId),
    ),
    repairsByRecordId: new DataLoader<string, RepairRow[]>(async (ids) =>
      groupByKeys(ids, await repairsWhere(repairApplications.recordId, ids), (r) => r.recordId),
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
