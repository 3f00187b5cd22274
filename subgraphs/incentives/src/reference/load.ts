import { selectRows, type Db } from '@credit/kit';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { toCatalog, type CatalogMeasure, type MeasureRow } from '../catalog.js';
import { gradeBands, measures, measureTriggers, scoreWeights } from '../db/schema.js';
import { toScoreRules, type ScoreRules } from '../scoring.js';

/** The data the rules read: what a request needs of `score_weights`, `grade_bands`, `measures` and `measure_triggers`. */
export interface ReferenceData {
  scoreRules: ScoreRules;
  catalog: CatalogMeasure[];
}

/** All rows of a table as one JSON array with the drizzle (camelCase) keys. */
function rowsAsJson(table: PgTable): SQL {
  const pairs = Object.entries(getTableColumns(table)).map(([key, column]) => sql`${key}::text, ${column}`);
  return sql`(select coalesce(json_agg(json_build_object(${sql.join(pairs, sql`, `)})), '[]'::json) from ${table})`;
}

/**
 * Read once per request rather than cached per process, so an operator's edit of a weight, band
 * or trigger applies on the next request in every process; the four small tables come in one
 * statement, so that costs one round trip.
 */
export async function loadReferenceData(db: Db): Promise<ReferenceData> {
  const [row] = await selectRows<{ weights: unknown; bands: unknown; measures: unknown; triggers: unknown }>(
    db,
    sql`select ${rowsAsJson(scoreWeights)} as weights, ${rowsAsJson(gradeBands)} as bands,
               ${rowsAsJson(measures)} as measures, ${rowsAsJson(measureTriggers)} as triggers`,
  );
  // postgres.js parses json columns; PGlite does too, but a driver that hands back text is covered.
  const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
  return {
    scoreRules: toScoreRules(parse(row!.weights), parse(row!.bands)),
    catalog: toCatalog(parse<MeasureRow[]>(row!.measures), parse(row!.triggers)),
  };
}
