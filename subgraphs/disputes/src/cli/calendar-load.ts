/**
 * `npm run calendar:load -- --year 2027 [--file 2027.json [--source TEXT]] [--replace]`: loads one
 * year of the working-day calendar into the disputes database (disputes.calendar_days) and records
 * it as held (disputes.calendar_years), then prints a JSON report.
 *
 * Without --file the year comes from the installed chinese-days package; with --file, from a JSON
 * array of { "date": "2027-01-01", "kind": "HOLIDAY" | "WORKDAY", "name": "元旦" } transcribed from
 * the State Council's notice (every holiday date, weekend dates inside a run included, and every
 * make-up working day). Dates the table lacks are added; dates it holds differently are reported
 * and kept, unless --replace makes the year exactly the source. Running it twice changes nothing.
 * Exit 0: the year is held; 1: nothing written (unknown year, invalid file, no database).
 *
 * On the embedded database stop `npm start` first (one process opens it at a time).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseLocation, openDatabase, runMigrations, type Database } from '@credit/kit';
import { migrationsFolder } from '../server.js';
import { CHINESE_DAYS_SOURCE, CHINESE_DAYS_YEARS, chineseDaysYear } from '../reference/chinese-days.js';
import { heldCalendarYears, loadCalendarYear, validateCalendarYear } from '../reference/load.js';

const USAGE = 'usage: npm run calendar:load -- --year YYYY [--file YEAR.json [--source TEXT]] [--replace]';

let database: Database | undefined;
try {
  const { values } = parseArgs({
    options: { year: { type: 'string' }, file: { type: 'string' }, source: { type: 'string' }, replace: { type: 'boolean', default: false } },
  });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year)) throw new Error(USAGE);
  let rows: readonly unknown[];
  let source: string;
  if (values.file) {
    const parsed: unknown = JSON.parse(await readFile(values.file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${values.file}: expected a JSON array of { date, kind, name }`);
    rows = parsed;
    source = values.source ?? `file ${basename(values.file)}`;
  } else {
    const shipped = chineseDaysYear(year);
    if (!shipped) {
      throw new Error(
        `${CHINESE_DAYS_SOURCE} holds ${CHINESE_DAYS_YEARS[0]}–${CHINESE_DAYS_YEARS.at(-1)}, not ${year}: install a chinese-days ` +
          `version that has it, or transcribe the State Council's notice into a JSON file and pass --file`,
      );
    }
    rows = shipped;
    source = CHINESE_DAYS_SOURCE;
  }
  validateCalendarYear(year, rows); // before the database is opened: a bad file fails fast
  database = await openDatabase({ name: 'disputes', location: databaseLocation('disputes') });
  await runMigrations(database, 'disputes', migrationsFolder);
  const report = await loadCalendarYear(database.db, year, rows, source, { replace: values.replace });
  console.log(JSON.stringify({ ...report, heldYears: await heldCalendarYears(database.db) }, null, 2));
  process.exitCode = 0;
} catch (error) {
  console.error(`calendar:load failed, nothing written: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
