import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { DATA_DIR } from './paths.js';
import { templateForNewDatabase } from './pglite-template.js';
import { requestScope } from './request-scope.js';
import { sql, type SQL } from 'drizzle-orm';

export type Db = PgDatabase<PgQueryResultHKT>;
/** What a transaction callback receives; it has the query API of `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

/** Counts SQL statements sent through drizzle, so tests and benchmarks can prove there is no N+1. */
export interface StatementCounter {
  /** Every statement, background work included. */
  statements: number;
  /** Statements sent while serving a GraphQL request. */
  requestStatements: number;
}

export interface Database {
  db: Db;
  counter: StatementCounter;
  /** `postgres` for a server, `pglite` for the embedded default. */
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export { DATA_DIR } from './paths.js';

/**
 * Where a subgraph's data lives: `<NAME>_DATABASE_URL`, else `DATABASE_URL`, else an embedded
 * PGlite under `.data/<name>` (one directory per department, as each would have its own server).
 */
export function databaseLocation(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${name.toUpperCase()}_DATABASE_URL`] ?? env.DATABASE_URL ?? `pglite:${DATA_DIR}/${name}`;
}

export interface OpenOptions {
  /** The subgraph, which is also its PostgreSQL schema. */
  name: string;
  /** `postgres://...`, `pglite:<dir>` or `pglite:memory`. */
  location: string;
  /** Maximum connections for a server; PGlite has one. */
  poolSize?: number;
}

/**
 * `CREDIT_SQL_CAPTURE=<file>`: every statement sent while serving a request is appended to the
 * file with its parameters, one JSON line each, for `npm run bench:explain` to run EXPLAIN on.
 * Parameters are the data itself, so it is for the benchmark's synthetic data only; unset, nothing
 * is kept.
 */
function statementCapture(subgraph: string): ((query: string, params: unknown[]) => void) | undefined {
  const file = process.env.CREDIT_SQL_CAPTURE;
  if (!file) return undefined;
  return (query, params) => appendFileSync(file, `${JSON.stringify({ subgraph, query, params })}\n`);
}

/**
 * PostgreSQL's shared buffers in an embedded database (initdb's default is 128MB). PGlite zeroes
 * them in WebAssembly at every start: about 0.7 s of CPU for 128MB, a fifth of a department's
 * start while five start at once on two cores (BENCHMARKS.md, cold start). The demo's largest
 * department, records, holds 9.7MB of tables and indexes; pages beyond the buffers are read from
 * the data directory's files through the operating system's cache. `CREDIT_PGLITE_SHARED_BUFFERS`
 * sets another size (a PostgreSQL server keeps its own setting). An in-memory database loaded
 * from the template (the tests') keeps 128MB: PGlite 0.5 ignores start parameters when it loads
 * a data directory from a tarball.
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

export async function openDatabase({ name, location, poolSize = 10 }: OpenOptions): Promise<Database> {
  const counter: StatementCounter = { statements: 0, requestStatements: 0 };
  const capture = statementCapture(name);
  const logger = {
    logQuery: (query: string, params: unknown[]) => {
      counter.statements++;
      if (requestScope.getStore()) {
        counter.requestStatements++;
        capture?.(query, params);
      }
    },
  };
  // Each driver is loaded only by the processes that use it (a quarter second of CPU each at start).
  if (location.startsWith('pglite:')) {
    const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
    const dir = location.slice('pglite:'.length);
    if (dir !== 'memory') mkdirSync(dir, { recursive: true });
    // A new database starts from the initialised-cluster template instead of running initdb
    // (pglite-template.ts); the first process without one leaves one for the others.
    const fresh = dir === 'memory' || !existsSync(join(dir, 'PG_VERSION'));
    const start = fresh ? await templateForNewDatabase(undefined, dir === 'memory' ? undefined : dir) : undefined;
    let client: PGlite;
    try {
      const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${process.env.CREDIT_PGLITE_SHARED_BUFFERS ?? PGLITE_SHARED_BUFFERS}`];
      client = new PGlite(dir === 'memory' ? undefined : dir, { startParams, ...(start?.bytes ? { loadDataDir: new Blob([start.bytes]) } : {}) });
      await client.waitReady;
    } catch (error) {
      await start?.release();
      throw error;
    }
    await start?.release(client);
    const db = drizzlePglite(client, { logger }) as unknown as Db;
    return { db, counter, kind: 'pglite', close: () => client.close() };
  }
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([import('postgres'), import('drizzle-orm/postgres-js')]);
  const client = postgres(location, {
    max: poolSize,
    onnotice: () => {},
    connection: { application_name: `credit-${name}` },
  });
  const db = drizzlePostgres(client, { logger }) as unknown as Db;
  return { db, counter, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/**
 * Applies the subgraph's committed drizzle-kit migrations. The journal lives in `public` under a
 * per-subgraph name: kept out of the subgraph's own schema because the first migration creates it.
 */
export async function runMigrations(database: Database, name: string, migrationsFolder: string): Promise<void> {
  const config = { migrationsFolder, migrationsSchema: 'public', migrationsTable: `drizzle_migrations_${name}` };
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, config);
  }
}

/** Drops a subgraph's schema and migration journal (`npm run seed -- --reset`). */
export async function resetSchema(database: Database, name: string): Promise<void> {
  await database.db.execute(sql.raw(`drop schema if exists "${name}" cascade`));
  await database.db.execute(sql.raw(`drop table if exists public."drizzle_migrations_${name}"`));
}

/** The rows of a raw statement, on either driver (postgres.js answers an array, PGlite `{ rows }`). */
export async function selectRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** True when the table has no row (the demo seed only fills empty databases). */
export async function isEmptyTable(db: Db, table: string): Promise<boolean> {
  const [row] = await selectRows<{ present: boolean }>(db, sql.raw(`select exists (select 1 from ${table}) as present`));
  return !row?.present;
}
