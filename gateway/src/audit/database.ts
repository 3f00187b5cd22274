import { fileURLToPath } from 'node:url';
import { databaseLocation, logger, openDatabase, runMigrations, type Database } from '@credit/kit';
import { makeSnapshot, restoreSnapshot, type SnapshotSubject } from '@credit/kit/infra/pglite-snapshot';

export const AUDIT_MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** The query log as migrated, never seeded: a new embedded one starts from it (kit pglite-snapshot.ts). */
const SNAPSHOT: SnapshotSubject = { name: 'gateway', migrationsFolder: AUDIT_MIGRATIONS };

/**
 * The gateway's own database (`GATEWAY_DATABASE_URL`, else `DATABASE_URL`, else PGlite under
 * `.data/gateway`), migrated: the query log lives in its schema `gateway`.
 */
export async function openAuditDatabase(location: string = databaseLocation('gateway')): Promise<Database> {
  if (restoreSnapshot(SNAPSHOT, location)) logger.info('query log copied from its install-time snapshot');
  const database = await openDatabase({ name: 'gateway', location });
  try {
    await runMigrations(database, 'gateway', AUDIT_MIGRATIONS);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Makes the migrated query log's snapshot (postinstall, scripts/pglite-snapshots.mjs); its directory, or undefined when off. */
export const makeAuditSnapshot = (root?: string) => makeSnapshot(SNAPSHOT, (database) => runMigrations(database, 'gateway', AUDIT_MIGRATIONS), root);
