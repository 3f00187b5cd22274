import { getTableColumns, sql, type BuildExtraConfigColumns } from 'drizzle-orm';
import { date, index, integer, text, uuid, type PgSchema, type PgTableExtraConfigValue } from 'drizzle-orm/pg-core';
import { insertMany } from './bulk-insert.js';
import type { Tx } from './db.js';
import type { RecordFacts } from '../contracts/events.js';
import type { EventHandler } from './outbox.js';

/**
 * A subscriber's own copy of the facts the records subgraph publishes (`record.changed`), kept in
 * the subscriber's schema: departments never read each other's tables (DESIGN §2). Each column is
 * typed as the event's field (RecordFacts, events.ts), and the handler below copies and upserts
 * exactly the columns declared here: a fact the subscribers keep is one line.
 */
const factsColumns = () => ({
  id: uuid('id').primaryKey(),
  subjectId: uuid('subject_id').notNull(),
  kind: text('kind').$type<RecordFacts['kind']>().notNull(),
  severity: text('severity').$type<RecordFacts['severity']>(),
  domain: text('domain').$type<RecordFacts['domain']>().notNull(),
  category: text('category').$type<RecordFacts['category']>().notNull(),
  regionCode: text('region_code').notNull(),
  /** Null when the event predates the field: unknown, so no department's officer matches it. */
  determiningAuthority: text('determining_authority'),
  decidedOn: date('decided_on', { mode: 'string' }).notNull(),
  publicityEndsOn: date('publicity_ends_on', { mode: 'string' }).notNull(),
  minimumPublicityEndsOn: date('minimum_publicity_ends_on', { mode: 'string' }).notNull(),
  status: text('status').$type<RecordFacts['status']>().notNull(),
  version: integer('version').notNull(),
});

/**
 * The table in `schema`, indexed by person; `ownIndexes` adds the indexes one subscriber's reads
 * need (incentives' latest NEGATIVE decision), so the others do not maintain them.
 */
export function recordFactsTable(
  schema: PgSchema,
  ownIndexes: (t: BuildExtraConfigColumns<'record_facts', ReturnType<typeof factsColumns>, 'pg'>) => PgTableExtraConfigValue[] = () => [],
) {
  return schema.table('record_facts', factsColumns(), (t) => [index('record_facts_subject_idx').on(t.subjectId), ...ownIndexes(t)]);
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
    // The table's columns are the facts kept: a field the event lacks (an older event) is null.
    const columns = Object.entries(getTableColumns(table));
    const rows = [...newest.values()].map(
      (facts) => Object.fromEntries(columns.map(([key]) => [key, facts[key as keyof RecordFacts] ?? null])) as FactsTable['$inferInsert'],
    );
    const update = sql.join(
      columns.filter(([key]) => key !== 'id').map(([, column]) => sql`${sql.identifier(column.name)} = excluded.${sql.identifier(column.name)}`),
      sql`, `,
    );
    await insertMany(tx, table, rows, sql`on conflict (${sql.identifier(table.id.name)}) do update set ${update} where ${table.version} < excluded.version`);
  };
}
