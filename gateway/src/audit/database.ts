import { fileURLToPath } from 'node:url';
import { databaseLocation, openDatabase, runMigrations, type Database } from '@credit/kit';

export const AUDIT_MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * The gateway's own database (`GATEWAY_DATABASE_URL`, else `DATABASE_URL`, else PGlite under
 * `.data/gateway`), migrated: the query log lives in its schema `gateway`.
 */
export async function openAuditDatabase(location: string = databaseLocation('gateway')): Promise<Database> {
  const database = await openDatabase({ name: 'gateway', location });
  try {
    await runMigrations(database, 'gateway', AUDIT_MIGRATIONS);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
