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
 * A record's kind follows from its severity (a NEGATIVE record has one, a POSITIVE record none:
 * validation.ts), so counts by kind are sums of counts by severity: an answer grouped by severity
 * must be protected against the answers by kind too, which are not among its coarser groupings.
 * Such a grouping is counted as if kind were asked as well.
 */
const IMPLIED: readonly (readonly [StatisticsDimension, StatisticsDimension])[] = [['SEVERITY', 'KIND']];

/**
 * The cells and every coarser margin of the same filter in one statement (GROUPING SETS); the
 * small cells are withheld, then as many more as it takes that no withheld count follows from
 * the margins a coarser question would publish (suppression.ts), the implied ones included.
 */
async function countCells(
  db: Db,
  groupBy: readonly StatisticsDimension[],
  filter: StatisticsFilter,
  today: string,
): Promise<StatisticsCell[]> {
  const counted = [...groupBy, ...IMPLIED.flatMap(([from, to]) => (groupBy.includes(from) && !groupBy.includes(to) ? [to] : []))];
  const dimensions = counted.map((d) => DIMENSIONS[d]);
  const expressions = dimensions.map(([, expression]) => expression);
  const k = expressions.length;
  const bit = (i: number) => 1 << (k - 1 - i);
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
  const kept = (row: Row) => (((1 << k) - 1) & ~row.g) >>> 0;
  // The dimensions a grouping's cells fix, those implied by them included.
  const closure = (level: number) =>
    IMPLIED.reduce((mask, [from, to]) => {
      const f = counted.indexOf(from);
      const t = counted.indexOf(to);
      return f >= 0 && t >= 0 && mask & bit(f) ? mask | bit(t) : mask;
    }, level);
  const full = rows.filter((row) => kept(row) === (1 << k) - 1);
  // A cell's values on the dimensions its grouping implies, read from a finest row inside it.
  const key = (row: Row, level: number) => {
    const inside = closure(level) === level ? undefined : full.find((f) => expressions.every((_, i) => !(level & bit(i)) || f[`d${i}`] === row[`d${i}`]));
    return expressions.map((_, i) => (level & bit(i) ? (row[`d${i}`] ?? null) : closure(level) & bit(i) ? (inside?.[`d${i}`] ?? null) : null));
  };
  // A cell's id names its values by dimension, so it does not depend on the question it is part of.
  const id = (row: Row) => counted.flatMap((name, i) => (kept(row) & bit(i) ? [`${name}=${row[`d${i}`] ?? ''}`] : [])).sort().join(';');
  const released = new Map<Row, boolean>();
  // Coarser groupings first (those a grouping implies count as coarser): each is withheld exactly
  // as its own question would be answered, so the margins a finer grouping is protected against
  // are the ones really published.
  const levels = [...new Set(rows.map(kept))].sort((a, b) => popcount(closure(a)) - popcount(closure(b)) || popcount(a) - popcount(b));
  for (const level of levels) {
    const cellsOf = rows.filter((row) => kept(row) === level);
    const within = closure(level);
    const margins = rows
      .filter((row) => released.has(row) && (kept(row) & within) === kept(row) && kept(row) !== level)
      .map((row) => ({
        fixed: new Map(expressions.flatMap((_, i) => (kept(row) & bit(i) ? [[i, row[`d${i}`] ?? null] as const] : []))),
        published: released.get(row)!,
      }));
    const small = new Set(cellsOf.flatMap((row, i) => (row.persons < MIN_PERSONS_PER_CELL ? [i] : [])));
    const withheld = cellsToWithhold(cellsOf.map((row) => ({ id: id(row), key: key(row, level), count: row.count })), margins, small);
    cellsOf.forEach((row, i) => released.set(row, !withheld.has(i)));
  }
  const asked = groupBy.reduce((mask, _, i) => mask | bit(i), 0);
  return rows
    .filter((row) => kept(row) === asked)
    .map((row) => {
      const values = Object.fromEntries(groupBy.map((name, d) => [DIMENSIONS[name][0], row[`d${d}`] ?? null]));
      return !released.get(row) ? { ...values, count: null, persons: null, suppressed: true } : { ...values, count: row.count, persons: row.persons, suppressed: false };
    });
}
