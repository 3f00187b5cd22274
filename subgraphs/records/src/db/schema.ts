import { CATEGORIES, DOMAINS, outboxTables, RECORD_KINDS, SEVERITIES } from '@credit/kit';
import { boolean, date, index, integer, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { PUBLICITY_REGIMES } from '../publicity.js';

export const records = pgSchema('records');

export const eventTables = outboxTables(records);
// drizzle-kit only sees tables exported at top level.
export const { outbox, inbox } = eventTables;

// subject_id names a person owned by identity: no foreign key across departments.
export const creditRecords = records.table(
  'credit_records',
  {
    id: uuid('id').primaryKey(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind', { enum: RECORD_KINDS }).notNull(),
    severity: text('severity', { enum: SEVERITIES }),
    domain: text('domain', { enum: DOMAINS }).notNull(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    regionCode: text('region_code').notNull(),
    determiningAuthority: text('determining_authority').notNull(),
    documentNumber: text('document_number').notNull(),
    legalBasis: text('legal_basis').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    publicityEndsOn: date('publicity_ends_on', { mode: 'string' }).notNull(),
    // Kept as decided: a later change of the rules table must not move an existing record's bounds.
    minimumPublicityEndsOn: date('minimum_publicity_ends_on', { mode: 'string' }).notNull(),
    publicityRegime: text('publicity_regime', { enum: PUBLICITY_REGIMES }).notNull(),
    // EXPIRED is never stored: it follows from publicity_ends_on and the clock.
    status: text('status', { enum: ['ACTIVE', 'REPAIRED', 'REVOKED'] }).notNull().default('ACTIVE'),
    underObjection: boolean('under_objection').notNull().default(false),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('credit_records_document_key').on(t.determiningAuthority, t.documentNumber, t.subjectId),
    index('credit_records_subject_idx').on(t.subjectId, t.decidedOn, t.id),
    index('credit_records_statistics_idx').on(t.status, t.publicityEndsOn, t.regionCode, t.domain),
  ],
);
