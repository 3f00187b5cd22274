import { badInput, selectRows, type Db, type Domain, type RecordKind, type Severity } from '@credit/kit';
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';
import { hasStatus } from './record-status.js';
import { cachedStatistics } from './statistics-cache.js';
import { cellsToWithhold } from './suppression.js';

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

const popcount = (n: number) => n.toString(2).replaceAll('0', '').length;

/** Every proper subset of the grouped dimensions, by index: the margins a coarser grouping publishes. */
function marginSets(k: number): number[][] {
  const sets: number[][] = [];
  for (let mask = 0; mask < (1 << k) - 1; mask++) sets.push([...Array(k).keys()].filter((i) => mask & (1 << i)));
  return sets;
}

interface Row {
  g: number;
  count: number;
  persons: number;
  [dimension: `d${number}`]: string | null;
}

/**
 * The cells and every coarser margin of the same filter in one statement (GROUPING SETS); the
 * small cells are withheld, then as many more as it takes that no withheld count follows from
 * the margins a coarser question would publish (suppression.ts).
 */
async function countCells(
  db: Db,
  groupBy: readonly StatisticsDimension[],
  filter: StatisticsFilter,
  today: string,
): Promise<StatisticsCell[]> {
  const dimensions = groupBy.map((d) => DIMENSIONS[d]);
  const expressions = dimensions.map(([, expression]) => expression);
  const k = expressions.length;
  const columns = [
    ...expressions.map((e, i) => sql`${e} as ${sql.raw(`d${i}`)}`),
    k ? sql`grouping(${sql.join(expressions, sql`, `)})::int as g` : sql`0 as g`,
    sql`count(*)::int as count`,
    sql`count(distinct ${creditRecords.subjectId})::int as persons`,
  ];
  const sets = [[...Array(k).keys()], ...marginSets(k)].map((set) => sql`(${sql.join(set.map((i) => expressions[i]!), sql`, `)})`);
  const rows = await selectRows<Row>(
    db,
    sql`select ${sql.join(columns, sql`, `)} from ${creditRecords} where ${and(...conditions(filter, today))}
        group by grouping sets (${sql.join(sets, sql`, `)})
        order by g${k ? sql`, ${sql.join(expressions.map((_, i) => sql.raw(`d${i}`)), sql`, `)}` : sql``}`,
  );
  const key = (row: Row) => expressions.map((_, i) => row[`d${i}`] ?? null);
  // A cell's id names its values by dimension, so it does not depend on the order asked in.
  const id = (row: Row) => groupBy.map((name, i) => [name, row[`d${i}`]] as const).filter(([, v]) => v !== undefined).sort().map(([n, v]) => `${n}=${v ?? ''}`).join(';');
  const kept = (row: Row) => (((1 << k) - 1) & ~row.g) >>> 0;
  const released = new Map<Row, boolean>();
  // Coarser groupings first: each is withheld exactly as its own question would be answered, so
  // the margins a finer grouping is protected against are the ones really published.
  const levels = [...new Set(rows.map(kept))].sort((a, b) => popcount(a) - popcount(b));
  for (const level of levels) {
    const cellsOf = rows.filter((row) => kept(row) === level);
    const margins = rows
      .filter((row) => released.has(row) && (kept(row) & level) === kept(row) && kept(row) !== level)
      .map((row) => ({
        fixed: new Map(expressions.flatMap((_, i) => (kept(row) & (1 << (k - 1 - i)) ? [[i, row[`d${i}`] ?? null] as const] : []))),
        published: released.get(row)!,
      }));
    const small = new Set(cellsOf.flatMap((row, i) => (row.persons < MIN_PERSONS_PER_CELL ? [i] : [])));
    const withheld = cellsToWithhold(cellsOf.map((row) => ({ id: id(row), key: key(row), count: row.count })), margins, small);
    cellsOf.forEach((row, i) => released.set(row, !withheld.has(i)));
  }
  const base = rows.filter((row) => row.g === 0);
  return base.map((row) => {
    const values = Object.fromEntries(dimensions.map(([name], d) => [name, row[`d${d}`] ?? null]));
    return !released.get(row) ? { ...values, count: null, persons: null, suppressed: true } : { ...values, count: row.count, persons: row.persons, suppressed: false };
  });
}
