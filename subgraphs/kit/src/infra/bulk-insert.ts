import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { PgArray, PgJson, PgJsonb, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { selectRows, type Executor } from './db.js';

/**
 * Inserts many rows in one statement with one parameter: the rows as a JSON array, expanded by
 * `jsonb_to_recordset`. A multi-row `insert(...).values(rows)` binds one parameter per cell, and
 * drizzle building those statements was most of the demo seed's CPU at `npm start` (records:
 * 78,000 parameters for 3,004 rows; BENCHMARKS.md, cold start). The rows come out of
 * `jsonb_to_recordset` in array order, so serial ids are given as `values` would give them.
 *
 * Every row must set the same columns; those it leaves out take their defaults. Values are
 * converted as drizzle converts them for the driver, except arrays (a JSON array, which
 * `jsonb_to_recordset` reads into a PostgreSQL array) and json/jsonb (the value itself).
 * `suffix` follows the select: an ON CONFLICT and RETURNING clause; the returned rows are answered.
 */
export async function insertMany<T extends PgTable>(
  executor: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
  suffix?: SQL,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) => (rows[0] as Record<string, unknown>)[key] !== undefined);
  const keys = new Set(columns.map(([key]) => key));
  const records = rows.map((row) => {
    const values = row as Record<string, unknown>;
    const set = Object.keys(values).filter((key) => values[key] !== undefined);
    if (set.length !== keys.size || set.some((key) => !keys.has(key))) throw new Error(`insertMany: every row must set the same columns (${[...keys].join(', ')})`);
    const record: Record<string, unknown> = {};
    for (const [key, column] of columns) record[column.name] = toJson(column, values[key]);
    return record;
  });
  const names = sql.join(columns.map(([, column]) => sql.identifier(column.name)), sql`, `);
  const types = sql.join(columns.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`), sql`, `);
  const json = JSON.stringify(records);
  return selectRows<Record<string, unknown>>(
    executor,
    sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as t(${types}) ${suffix ?? sql``}`,
  );
}

function toJson(column: PgColumn, value: unknown): unknown {
  if (value === null) return null;
  if (column instanceof PgJsonb || column instanceof PgJson) return value;
  if (column instanceof PgArray) return (value as unknown[]).map((v) => (v === null ? null : column.baseColumn.mapToDriverValue(v)));
  return column.mapToDriverValue(value);
}
