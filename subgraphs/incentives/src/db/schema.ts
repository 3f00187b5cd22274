import { outboxTables, recordFactsTable } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { check, integer, pgSchema, text } from 'drizzle-orm/pg-core';
import { GRADES, MEASURE_KINDS } from '../vocabulary.js';

export const incentives = pgSchema('incentives');

/** Our projection of the records subgraph's facts, fed by `record.changed`. */
export const recordFacts = recordFactsTable(incentives);

export const eventTables = outboxTables(incentives);
// drizzle-kit only sees tables exported at top level.
export const { outbox, inbox } = eventTables;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** The published catalog of joint incentive and punishment measures (DESIGN §4). */
export const measures = incentives.table(
  'measures',
  {
    code: text('code').primaryKey(),
    kind: text('kind', { enum: MEASURE_KINDS }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    legalBasis: text('legal_basis').notNull(),
    implementingDepartment: text('implementing_department').notNull(),
  },
  // The rows are data an operator may edit, so the database guards what the code relies on.
  (t) => [check('measures_kind_check', sql`${t.kind} in (${inList(MEASURE_KINDS)})`)],
);

/**
 * Score points: BASE is every person's starting value; the other codes (POSITIVE,
 * NEGATIVE_<SEVERITY>) are added once per ACTIVE record of that kind and severity.
 */
export const scoreWeights = incentives.table('score_weights', {
  code: text('code').primaryKey(),
  points: integer('points').notNull(),
});

/**
 * Grade bands by lower bound only (null: no lower bound), so bands can neither overlap nor leave
 * gaps: a score gets the band with the highest bound it reaches.
 */
export const gradeBands = incentives.table(
  'grade_bands',
  {
    grade: text('grade', { enum: GRADES }).primaryKey(),
    minScore: integer('min_score'),
  },
  (t) => [check('grade_bands_grade_check', sql`${t.grade} in (${inList(GRADES)})`)],
);
