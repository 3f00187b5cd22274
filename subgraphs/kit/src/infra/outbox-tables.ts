import { bigint, bigserial, index, integer, jsonb, primaryKey, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The outbox (events this subgraph owes to others) and inbox (events it has applied), created in
 * each subgraph's own schema. DESIGN §6: the decision and its event commit in one transaction.
 */
export function outboxTables(schema: PgSchema) {
  const outbox = schema.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      destination: text('destination').notNull(),
      type: text('type').notNull(),
      payload: jsonb('payload').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      deliveredAt: timestamp('delivered_at', { withTimezone: true }),
      attempts: integer('attempts').notNull().default(0),
      nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
      lastError: text('last_error'),
    },
    (t) => [index('outbox_pending_idx').on(t.destination, t.id).where(sql`delivered_at is null`)],
  );
  const inbox = schema.table(
    'inbox',
    {
      source: text('source').notNull(),
      eventId: bigint('event_id', { mode: 'number' }).notNull(),
      appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.source, t.eventId] })],
  );
  return { outbox, inbox };
}
