import { badInput, type Db, type Domain, type RecordKind, type Severity } from '@credit/kit';
import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';
import { hasStatus } from './record-status.js';
import { cachedStatistics } from './statistics-cache.js';

/** Each dimension: the cell field it fills and the expression it groups by. */
const DIMENSIONS = {
  REGION: ['region', creditRecords.regionCode],
  DOMAIN: ['domain', creditRecords.domain],
  SEVERITY: ['severity', creditRecords.severity],
  KIND: ['kind', creditRecords.kind],
  MONTH: ['month', sql<string>`to_char(${creditRecords.decidedOn}, 'YYYY-MM')`],
} as const;
export type StatisticsDimension = keyof typeof DIMENSIONS;

export interface StatisticsFilter {
  regionCode?: string | null;
  domain?: Domain | null;
  severity?: Severity | null;
  kind?: RecordKind | null;
  decidedFrom?: string | null;
  decidedTo?: string | null;
}

/**
 * DESIGN §5: a cell counting fewer persons than this could single someone out, so its counts are
 * withheld. Applied here, in the owner of the data, so no path through the graph can bypass it.
 */
export const MIN_PERSONS_PER_CELL = 5;

export interface StatisticsCell {
  region?: string;
  domain?: string;
  severity?: string | null;
  kind?: string;
  month?: string;
  count: number | null;
  persons: number | null;
  suppressed: boolean;
}

function conditions(filter: StatisticsFilter, today: string): SQL[] {
  const where = [hasStatus('ACTIVE', today)];
  if (filter.regionCode != null) {
    if (!/^\d{6}$/.test(filter.regionCode)) {
      throw badInput('regionCode must be 6 digits', { field: 'filter.regionCode', reason: 'INVALID_FORMAT' });
    }
    where.push(eq(creditRecords.regionCode, filter.regionCode));
  }
  if (filter.domain) where.push(eq(creditRecords.domain, filter.domain));
  if (filter.severity) where.push(eq(creditRecords.severity, filter.severity));
  if (filter.kind) where.push(eq(creditRecords.kind, filter.kind));
  if (filter.decidedFrom) where.push(gte(creditRecords.decidedOn, filter.decidedFrom));
  if (filter.decidedTo) where.push(lte(creditRecords.decidedOn, filter.decidedTo));
  return where;
}

/**
 * Counts of ACTIVE records on `today`, one cell per combination of the grouped dimensions;
 * cells of fewer than MIN_PERSONS_PER_CELL distinct subjects are suppressed. Answers are cached
 * until the ACTIVE set changes (statistics-cache.ts).
 */
export function creditStatistics(
  db: Db,
  groupBy: readonly StatisticsDimension[],
  filter: StatisticsFilter,
  today: string,
): Promise<StatisticsCell[]> {
  const dimensions = [...new Set(groupBy)];
  const question = JSON.stringify([dimensions, filter.regionCode, filter.domain, filter.severity, filter.kind, filter.decidedFrom, filter.decidedTo, today]);
  return cachedStatistics(db, question, () => countCells(db, dimensions, filter, today));
}

/** The cells in one statement. */
async function countCells(
  db: Db,
  groupBy: readonly StatisticsDimension[],
  filter: StatisticsFilter,
  today: string,
): Promise<StatisticsCell[]> {
  const dimensions = groupBy.map((d) => DIMENSIONS[d]);
  const fields = Object.fromEntries(dimensions.map(([name, expression]) => [name, expression]));
  const expressions = dimensions.map(([, expression]) => expression);
  const rows = await db
    .select({
      ...fields,
      count: sql<number>`count(*)::int`,
      persons: sql<number>`count(distinct ${creditRecords.subjectId})::int`,
    })
    .from(creditRecords)
    .where(and(...conditions(filter, today)))
    .groupBy(...expressions)
    .orderBy(...expressions.map((e) => asc(e)));
  return rows.map((cell) =>
    cell.persons < MIN_PERSONS_PER_CELL ? { ...cell, count: null, persons: null, suppressed: true } : { ...cell, suppressed: false },
  );
}
