/**
 * `npm run seed -- --persons N --seed S [--records-per-person M] [--reset]`: writes a deterministic
 * synthetic data set into each department's own database (every department of the registry,
 * schema/src/departments.ts). Cross-department projections are not written here: they arrive
 * through each producer's outbox when the system runs (`npm start`).
 */
import { parseArgs } from 'node:util';
import { databaseLocation, isEmptyTable, openDatabase, resetSchema, runMigrations } from '@credit/kit';
import { loadDepartments } from '@credit/kit/infra/departments';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'records-per-person': { type: 'string', default: '3' },
    reset: { type: 'boolean', default: false },
  },
});
const options = { persons: Number(values.persons), seed: Number(values.seed), recordsPerPerson: Number(values['records-per-person']) };
if (![options.persons, options.seed, options.recordsPerPerson].every((n) => Number.isInteger(n) && n >= 0)) {
  console.error('--persons, --seed and --records-per-person take non-negative integers');
  process.exit(2);
}

for (const { spec } of await loadDepartments()) {
  const started = Date.now();
  const database = await openDatabase({ name: spec.name, location: databaseLocation(spec.name) });
  try {
    if (values.reset) await resetSchema(database, spec.name);
    await runMigrations(database, spec.name, spec.migrationsFolder);
    await spec.ensureReferenceData?.(database.db);
    if (!spec.seed) continue;
    if (!(await isEmptyTable(database.db, spec.seedProbeTable))) {
      console.error(`${spec.name} already holds data: run with --reset to replace it`);
      process.exitCode = 1;
      break;
    }
    await spec.seed(database.db, options);
    console.log(`${spec.name}: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}
