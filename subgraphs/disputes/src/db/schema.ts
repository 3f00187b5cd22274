import { outboxTables, recordFactsTable, REPAIR_BASES } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { date, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { OBJECTION_FILERS, OBJECTION_STATUSES, REPAIR_STATUSES } from '../vocabulary.js';

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
  },
  (t) => [
    index('objections_subject_idx').on(t.subjectId, t.filedAt),
    index('objections_record_idx').on(t.recordId, t.filedAt),
    // One open objection per record, enforced where concurrent filings meet.
    uniqueIndex('objections_open_record_key').on(t.recordId).where(sql`status in ('SUBMITTED', 'FORWARDED')`),
  ],
);

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
  ],
);
