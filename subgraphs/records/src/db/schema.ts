import { CATEGORIES, DOMAINS, outboxTables, PENALTY_TYPES, RECORD_KINDS, SEVERITIES } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
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
    // A record stored before penalty types were carried has none: its period is its severity's.
    penaltyTypes: text('penalty_types', { enum: PENALTY_TYPES }).array().notNull().default(sql`'{}'::text[]`),
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
    // The approved repair application lives in disputes: no foreign key across departments.
    repairId: uuid('repair_id'),
    repairedOn: date('repaired_on', { mode: 'string' }),
    revokedOn: date('revoked_on', { mode: 'string' }),
    // Set before its copy exists (the copy takes over the document key), so no foreign key here.
    correctedById: uuid('corrected_by_id'),
    correctsId: uuid('corrects_id').references((): AnyPgColumn => creditRecords.id),
    // The upheld objection (owned by disputes) that revoked or corrected the record.
    closingObjectionId: uuid('closing_objection_id'),
    // The change feed holds a PUBLICATION_STARTED of this record and no PUBLICATION_ENDED yet
    // (kept by feed.ts): the expiry pass reads only these, not the whole history of expired records.
    publicationOpen: boolean('publication_open').notNull().default(false),
  },
  (t) => [
    check('credit_records_penalty_types_check', sql`${t.penaltyTypes} <@ array[${sql.raw(PENALTY_TYPES.map((v) => `'${v}'`).join(', '))}]::text[]`),
    // A corrected copy keeps its original's document key: only the current version must be unique.
    uniqueIndex('credit_records_document_idx')
      .on(t.determiningAuthority, t.documentNumber, t.subjectId)
      .where(sql`corrected_by_id is null`),
    index('credit_records_subject_idx').on(t.subjectId, t.decidedOn, t.id),
    index('credit_records_statistics_idx').on(t.status, t.publicityEndsOn, t.regionCode, t.domain),
    index('credit_records_open_publication_idx').on(t.publicityEndsOn).where(sql`publication_open`),
    // NULLS FIRST is what a plain `order by ... desc` asks for: the index then serves the ordering.
    index('credit_records_disclosure_idx')
      .on(t.decidedOn.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`kind = 'NEGATIVE' and severity = 'SERIOUS' and status = 'ACTIVE'`),
  ],
);
export type RecordRow = typeof creditRecords.$inferSelect;

export const RECORD_CHANGES = ['PUBLICATION_STARTED', 'PUBLICATION_ENDED'] as const;
export type RecordChange = (typeof RECORD_CHANGES)[number];
export const END_REASONS = ['EXPIRED', 'REPAIRED', 'REVOKED', 'CORRECTED'] as const;
export type EndReason = (typeof END_REASONS)[number];

/**
 * The change feed for the provincial platform: every start and end of a record's publication, in
 * the order the sequence gives. Writers hold the feed lock (feed.ts) while they insert, so rows
 * become visible in sequence order and a reader resuming after a sequence never skips one.
 */
export const recordChanges = records.table(
  'record_changes',
  {
    sequence: bigint('sequence', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecords.id),
    change: text('change', { enum: RECORD_CHANGES }).notNull(),
    reason: text('reason', { enum: END_REASONS }),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    // The time of the insert itself (not of the transaction's start), so it grows with the sequence.
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    // A publication starts once and ends once.
    uniqueIndex('record_changes_started_idx').on(t.recordId).where(sql`change = 'PUBLICATION_STARTED'`),
    uniqueIndex('record_changes_ended_idx').on(t.recordId).where(sql`change = 'PUBLICATION_ENDED'`),
    check('record_changes_reason_check', sql`(change = 'PUBLICATION_STARTED') = (reason is null)`),
  ],
);
export type FeedRow = typeof recordChanges.$inferSelect;

/**
 * Projections of what other departments tell records (DESIGN §6), for credit reports only: the
 * subject's name and citizen ID number (identity `person.changed`), authorization grants (identity
 * `grant.changed`, so that records checks an agency's grant on its own copy), and the integrity
 * score's weights and bands (incentives `score.rules`). Records serves none of them in any field.
 */
export const personFacts = records.table('person_facts', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  citizenIdNumber: text('citizen_id_number').notNull(),
  version: integer('version').notNull(),
});

export const grantFacts = records.table(
  'grant_facts',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    grantee: text('grantee').notNull(),
    purpose: text('purpose').notNull(),
    scope: text('scope').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    version: integer('version').notNull(),
  },
  (t) => [index('grant_facts_person_idx').on(t.personId)],
);

/** One row: the score rules incentives last published (`weights`, `bands` as in ScoreRulesFacts). */
export const scoreRules = records.table(
  'score_rules',
  {
    id: integer('id').primaryKey(),
    weights: jsonb('weights').notNull(),
    bands: jsonb('bands').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('score_rules_singleton_check', sql`id = 1`)],
);

/**
 * 专项信用报告 as issued: who asked, about whom, for which period and domains, and the SHA-256 of
 * the PDF with records' Ed25519 signature over it. The PDF itself is not kept: it went to the
 * requester, and verification needs only its hash. The verification code is kept as a hash.
 */
export const creditReports = records.table(
  'credit_reports',
  {
    number: text('number').primaryKey(),
    subjectId: uuid('subject_id').notNull(),
    requestedBy: text('requested_by').notNull(),
    requesterRole: text('requester_role').notNull(),
    grantId: uuid('grant_id'),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    domains: text('domains').array().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    sha256: text('sha256').notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    codeHash: text('code_hash').notNull(),
  },
  (t) => [index('credit_reports_subject_idx').on(t.subjectId, t.issuedAt)],
);
