import { outboxTables, recordFactsTable, REPAIR_BASES, type RecordCorrection } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { OBJECTION_FILERS, OBJECTION_STATUSES, REPAIR_STATUSES } from '../vocabulary.js';
import { DAY_KINDS } from '../working-days.js';

export const disputes = pgSchema('disputes');

/** Our copy of the records subgraph's facts, fed by `record.changed`. */
export const recordFacts = recordFactsTable(disputes);

export const eventTables = outboxTables(disputes);
// drizzle-kit only sees tables exported at top level.
export const { outbox, inbox } = eventTables;

// record_id and subject_id name rows owned by other departments: no foreign keys across schemas,
// and seeded rows exist before the record facts arrive.
export const objections = disputes.table(
  'objections',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    filedBy: text('filed_by', { enum: OBJECTION_FILERS }).notNull(),
    reasons: text('reasons').notNull(),
    evidence: text('evidence').array().notNull().default([]),
    status: text('status', { enum: OBJECTION_STATUSES }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    forwardedOn: date('forwarded_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    outcomeReasons: text('outcome_reasons'),
    /** The record fields an UPHELD objection replaced (null: revoked, or not upheld). */
    correction: jsonb('correction').$type<RecordCorrection>(),
  },
  (t) => [
    index('objections_subject_idx').on(t.subjectId, t.filedAt),
    index('objections_record_idx').on(t.recordId, t.filedAt),
    // One open objection per record, enforced where concurrent filings meet.
    uniqueIndex('objections_open_record_key').on(t.recordId).where(sql`status in ('SUBMITTED', 'FORWARDED')`),
    // overdueObjections and openObjections: open ones by deadline anchor (deadlines.ts), a range scan in due order.
    index('objections_open_anchor_idx')
      .on(sql`coalesce(forwarded_on, filed_on)`, t.id)
      .where(sql`status in ('SUBMITTED', 'FORWARDED')`),
  ],
);
export type ObjectionRow = typeof objections.$inferSelect;

export const repairApplications = disputes.table(
  'repair_applications',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    basis: text('basis', { enum: REPAIR_BASES }).notNull(),
    evidence: text('evidence').array().notNull(),
    creditPledge: text('credit_pledge').notNull(),
    status: text('status', { enum: REPAIR_STATUSES }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionReasons: text('decision_reasons'),
  },
  (t) => [
    index('repair_applications_subject_idx').on(t.subjectId, t.filedAt),
    index('repair_applications_record_idx').on(t.recordId, t.filedAt),
    uniqueIndex('repair_applications_submitted_record_key').on(t.recordId).where(sql`status = 'SUBMITTED'`),
    // submittedRepairs: the credit office's queue, oldest filing first, a range scan in queue order.
    index('repair_applications_submitted_filed_idx').on(t.filedAt, t.id).where(sql`status = 'SUBMITTED'`),
  ],
);
export type RepairRow = typeof repairApplications.$inferSelect;

/**
 * The holiday calendar working days are counted on (DESIGN §4): the dates that break the weekly
 * rhythm, HOLIDAY (法定节假日) or WORKDAY (调休: a weekend date worked in exchange). A date counts
 * only in a year listed in calendar_years; each year's arrangement is loaded from chinese-days at
 * start or by `npm run calendar:load` (reference/).
 */
export const calendarDays = disputes.table(
  'calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: DAY_KINDS }).notNull(),
    name: text('name').notNull(),
  },
  // Operators edit these rows by hand, so the database guards the kinds the code relies on.
  (t) => [check('calendar_days_kind_check', sql`${t.kind} in (${sql.raw(DAY_KINDS.map((k) => `'${k}'`).join(', '))})`)],
);

/**
 * The years whose whole arrangement calendar_days holds, and where it came from. Working days are
 * counted only inside these years: a date in any other year is refused (CALENDAR_NOT_AVAILABLE),
 * never counted as if the year had no holidays.
 */
export const calendarYears = disputes.table(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    /** `chinese-days@1.5.7`, or the file an operator transcribed the State Council's notice into. */
    source: text('source').notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_years_year_check', sql`${t.year} between 1950 and 2200`)],
);
