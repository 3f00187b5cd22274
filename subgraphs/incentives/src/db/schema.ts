import { CATEGORIES, outboxTables, recordFactsTable } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgSchema, primaryKey, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { GRADES, MEASURE_KINDS, MEASURE_TRIGGERS } from '../vocabulary.js';

export const incentives = pgSchema('incentives');

/**
 * A NEGATIVE decision that still stands (not REVOKED): the 3 clean years run from the latest one
 * (standing.ts, lastNegativeDecision). Its constants are written into the SQL rather than bound, so
 * that a prepared statement's generic plan can still prove the partial index below.
 */
export const standingNegativeDecision = (t: { kind: AnyPgColumn; status: AnyPgColumn }) => sql`${t.kind} = 'NEGATIVE' and ${t.status} <> 'REVOKED'`;

/** Our projection of the records subgraph's facts, fed by `record.changed`. */
export const recordFacts = recordFactsTable(incentives, (t) => [
  // Each person's latest such decision (loaders.ts) is one index entry, not a read of their history.
  index('record_facts_latest_negative_idx').on(t.subjectId, t.decidedOn).where(standingNegativeDecision(t)),
]);

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
export type MeasureRow = typeof measures.$inferSelect;

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

/**
 * Which condition applies which catalog measure; a measure applies when any of its rows holds.
 * `category` narrows SERIOUS_DISHONESTY_LIST to the records of one catalog category. Deleting a
 * measure from the catalog deletes its triggers: a measure not in the catalog may not be applied.
 */
export const measureTriggers = incentives.table(
  'measure_triggers',
  {
    measureCode: text('measure_code')
      .notNull()
      .references(() => measures.code, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: MEASURE_TRIGGERS }).notNull(),
    category: text('category'),
  },
  (t) => [
    primaryKey({ columns: [t.measureCode, t.trigger] }),
    check('measure_triggers_trigger_check', sql`${t.trigger} in (${inList(MEASURE_TRIGGERS)})`),
    check(
      'measure_triggers_category_check',
      sql`${t.category} is null or (${t.trigger} = 'SERIOUS_DISHONESTY_LIST' and ${t.category} in (${inList(CATEGORIES)}))`,
    ),
  ],
);

/**
 * Red list nominations by a department (守信红名单). In force from `nominatedOn` until the day
 * before `endsOn`, unless revoked; suspended, not changed, while the person is on the serious
 * dishonesty list (list-precedence.ts). subject_id names a person owned by identity: no foreign key
 * across schemas.
 */
export const redListEntries = incentives.table(
  'red_list_entries',
  {
    id: uuid('id').primaryKey(),
    subjectId: uuid('subject_id').notNull(),
    nominatingDepartment: text('nominating_department').notNull(),
    reason: text('reason').notNull(),
    nominatedOn: date('nominated_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    revokedOn: date('revoked_on', { mode: 'string' }),
    /** Why the nominating department withdrew it (revokeRedListNomination); set with revokedOn. */
    revocationReason: text('revocation_reason'),
  },
  (t) => [
    index('red_list_entries_subject_idx').on(t.subjectId),
    check('red_list_entries_period_check', sql`${t.endsOn} > ${t.nominatedOn}`),
    check('red_list_entries_revocation_check', sql`${t.revocationReason} is null or ${t.revokedOn} is not null`),
  ],
);
