/**
 * What every department's database holds, as one number per table: the row count and an md5 over
 * all rows in text form, in a fixed order. Two fingerprints differ where a table changed, however
 * it changed (a row added, removed or edited, an outbox event written), so the mutation test
 * checks writes in the databases themselves, not in the answers.
 */
import { selectRows, type Db } from '@credit/kit';
import { sql } from 'drizzle-orm';

/** A department's database: its name is its PostgreSQL schema (DESIGN §2). */
export interface FingerprintSource {
  name: string;
  db: Db;
}

export interface TableFingerprint {
  rows: number;
  md5: string;
}

/** By `schema.table`. */
export type Fingerprint = ReadonlyMap<string, TableFingerprint>;

export interface TableChange {
  table: string;
  before: TableFingerprint | undefined;
  after: TableFingerprint | undefined;
}

/** Identifiers from information_schema, quoted for SQL. */
const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The base tables of one schema, sorted. */
export async function tablesOf(source: FingerprintSource): Promise<string[]> {
  const rows = await selectRows<{ table_name: string }>(
    source.db,
    sql`select table_name from information_schema.tables where table_schema = ${source.name} and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * Fingerprints the given schemas, one statement per schema (the tables are listed once: a test
 * that creates tables must ask for a new fingerprinter). The statements of different schemas run
 * in parallel: on PGlite every department has its own database.
 */
export async function fingerprinter(sources: readonly FingerprintSource[]): Promise<() => Promise<Fingerprint>> {
  const statements = await Promise.all(
    sources.map(async (source) => {
      const tables = await tablesOf(source);
      if (tables.length === 0) throw new Error(`schema ${source.name} has no tables: nothing to fingerprint`);
      const parts = tables.map(
        (table) =>
          `select '${source.name}.${table}' as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as md5 from ${quoted(source.name)}.${quoted(table)} t`,
      );
      return { db: source.db, statement: sql.raw(parts.join('\nunion all\n')) };
    }),
  );
  return async () => {
    const results = await Promise.all(statements.map(({ db, statement }) => selectRows<{ name: string; rows: number; md5: string }>(db, statement)));
    return new Map(results.flat().map((r) => [r.name, { rows: Number(r.rows), md5: r.md5 }]));
  };
}

/** The tables whose content differs, in name order. */
export function changedTables(before: Fingerprint, after: Fingerprint): TableChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names
    .filter((table) => before.get(table)?.md5 !== after.get(table)?.md5 || before.get(table)?.rows !== after.get(table)?.rows)
    .map((table) => ({ table, before: before.get(table), after: after.get(table) }));
}

export const describeChange = ({ table, before, after }: TableChange): string => {
  const delta = (after?.rows ?? 0) - (before?.rows ?? 0);
  return `${table} (${before?.rows ?? 'absent'} -> ${after?.rows ?? 'absent'} rows${delta === 0 ? ', rows edited' : ''})`;
};
