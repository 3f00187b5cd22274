import { sql } from 'drizzle-orm';
import { date, index, integer, text, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { Tx } from './db.js';
import type { RecordFacts } from './events.js';
import type { EventHandler } from './outbox.js';

/**
 * A subscriber's own copy of the facts the records subgraph publishes (`record.changed`), kept in
 * the subscriber's schema: departments never read each other's tables (DESIGN §2).
 */
export function recordFactsTable(schema: PgSchema) {
  return schema.table(
    'record_facts',
    {
      id: uuid('id').primaryKey(),
      subjectId: uuid('subject_id').notNull(),
      kind: text('kind').notNull(),
      severity: text('severity'),
      domain: text('domain').notNull(),
      category: text('category').notNull(),
      regionCode: text('region_code').notNull(),
      /** Null when the event predates the field: unknown, so no department's officer matches it. */
      determiningAuthority: text('determining_authority'),
      decidedOn: date('decided_on', { mode: 'string' }).notNull(),
      publicityEndsOn: date('publicity_ends_on', { mode: 'string' }).notNull(),
      minimumPublicityEndsOn: date('minimum_publicity_ends_on', { mode: 'string' }).notNull(),
      status: text('status').notNull(),
      version: integer('version').notNull(),
    },
    (t) => [index('record_facts_subject_idx').on(t.subjectId)],
  );
}

type FactsTable = ReturnType<typeof recordFactsTable>;
export type RecordFactsRow = FactsTable['$inferSelect'];

/** Upserts facts; a redelivered or older version never overwrites a newer one. */
export function recordFactsHandler(table: FactsTable): EventHandler {
  return async (tx: Tx, payloads: unknown[]) => {
    // Within one batch, keep the newest version per record (a multi-row upsert may not touch a row twice).
    const newest = new Map<string, RecordFacts>();
    for (const facts of payloads as RecordFacts[]) {
      const seen = newest.get(facts.id);
      if (!seen || seen.version < facts.version) newest.set(facts.id, facts);
    }
    const rows = [...newest.values()].map((f) => ({
      id: f.id,
      subjectId: f.subjectId,
      kind: f.kind,
      severity: f.severity,
      domain: f.domain,
      category: f.category,
      regionCode: f.regionCode,
      determiningAuthority: f.determiningAuthority ?? null,
      decidedOn: f.decidedOn,
      publicityEndsOn: f.publicityEndsOn,
      minimumPublicityEndsOn: f.minimumPublicityEndsOn,
      status: f.status,
      version: f.version,
    }));
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(table)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: table.id,
          set: {
            subjectId: sql`excluded.subject_id`,
            kind: sql`excluded.kind`,
            severity: sql`excluded.severity`,
            domain: sql`excluded.domain`,
            category: sql`excluded.category`,
            regionCode: sql`excluded.region_code`,
            determiningAuthority: sql`excluded.determining_authority`,
            decidedOn: sql`excluded.decided_on`,
            publicityEndsOn: sql`excluded.publicity_ends_on`,
            minimumPublicityEndsOn: sql`excluded.minimum_publicity_ends_on`,
            status: sql`excluded.status`,
            version: sql`excluded.version`,
          },
          setWhere: sql`${table.version} < excluded.version`,
        });
    }
  };
}
