/**
 * `npm run bench:seed -- --persons 100000 --records 1000000 [--seed 20261121]`: replaces every
 * subgraph's schema in DATABASE_URL with the benchmark data set (see dataset.ts) and prints how
 * long each step took.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, seedDatabase } from './dataset.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    records: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
  },
});
const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error('bench:seed writes into PostgreSQL: set DATABASE_URL=postgres://user@host:5432/database (its four subgraph schemas are replaced)');
  process.exit(2);
}
const persons = Number(values.persons);
const records = values.records === undefined ? persons * 10 : Number(values.records);
const seed = Number(values.seed);
if (![persons, records, seed].every((n) => Number.isSafeInteger(n) && n >= 0)) {
  console.error('--persons, --records and --seed take non-negative integers');
  process.exit(2);
}
process.env.LOG_LEVEL ??= 'warn';
console.log(`seeding ${persons} persons and ${records} credit records (seed ${seed}) into ${new URL(url).pathname.slice(1)}`);
const report = await seedDatabase(url, { persons, records, seed, log: (line) => console.log(line) });
console.log(
  `seeded ${report.persons} persons, ${report.registrations} registrations, ${report.records} credit records ` +
    `(and as many facts in each of two projections), ${report.objections} objections, ${report.repairs} repairs ` +
    `in ${report.seconds.total.toFixed(1)} s (migrate ${report.seconds.migrate.toFixed(1)}, copy ${report.seconds.copy.toFixed(1)}, ` +
    `indexes ${report.seconds.indexes.toFixed(1)}, vacuum+analyze ${report.seconds.vacuum.toFixed(1)})`,
);
