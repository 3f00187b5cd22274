import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The gateway's own schema: it holds nothing but the query log. */
export const gateway = pgSchema('gateway');

/** Which classified fields an operation touched, by level and by the decision taken. */
export type FieldDecisions = Partial<Record<'ALLOW' | 'MASK' | 'DENY', string[]>>;
export type FieldsByLevel = Partial<Record<'PERSONAL' | 'SENSITIVE', FieldDecisions>>;

/** ANSWERED: a read was released; APPLIED: a write was made; REFUSED: nothing was released or written. */
export const AUDIT_OUTCOMES = ['ANSWERED', 'APPLIED', 'REFUSED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * 查询日志, hash-chained. `seq` is assigned under the chain lock as the previous seq plus one, not
 * by a sequence: a sequence skips numbers when an insert rolls back, which would read as a deleted row.
 */
export const auditLog = gateway.table(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    principalSub: text('principal_sub').notNull(),
    role: text('role').notNull(),
    department: text('department'),
    purpose: text('purpose'),
    grantId: text('grant_id'),
    operationName: text('operation_name'),
    /** The mutation field of a write (PIPL Art. 55–56: who changed whose data); null for a read. */
    mutation: text('mutation'),
    /** Why the entry needs an auditor's review (查询使用审查), e.g. VOLUME_LIMIT; null otherwise. */
    review: text('review'),
    operationHash: text('operation_hash').notNull(),
    fields: jsonb('fields').$type<FieldsByLevel>().notNull(),
    personIds: text('person_ids').array().notNull(),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_person_ids_idx').using('gin', t.personIds),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_mutation_idx').on(t.mutation).where(sql`${t.mutation} is not null`),
    index('audit_log_review_idx').on(t.at).where(sql`${t.review} is not null`),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
