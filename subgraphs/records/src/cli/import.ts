/**
 * `npm run import -- FILE.ndjson`: imports credit records into the records database and prints
 * a JSON report. Exit 0: all lines accepted; 3: some rejected (the valid ones are committed);
 * 1: a fatal error, nothing written.
 */
import { readFile } from 'node:fs/promises';
import { clockFromEnv, databaseLocation, openDatabase, runMigrations, type Database } from '@credit/kit';
import { importNdjson } from '../import.js';
import { migrationsFolder } from '../server.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run import -- FILE.ndjson');
  process.exit(1);
}

let database: Database | undefined;
try {
  const text = await readFile(file, 'utf8');
  database = await openDatabase({ name: 'records', location: databaseLocation('records') });
  await runMigrations(database, 'records', migrationsFolder);
  const report = await importNdjson(database.db, text, clockFromEnv());
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.rejected.length > 0 ? 3 : 0;
} catch (error) {
  // Only the message: a database error's detail may quote row values (personal data).
  console.error(`import failed, nothing written: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
