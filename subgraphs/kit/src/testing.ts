import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import type { RecordFacts } from './events.js';

/**
 * A database for one test file: a new database on the server named by DATABASE_URL (dropped
 * afterwards), else an in-memory PGlite per subgraph.
 */
export async function freshDatabaseLocation(env: NodeJS.ProcessEnv = process.env) {
  const base = env.DATABASE_URL;
  if (!base) return { location: 'pglite:memory', drop: async () => {} };
  const name = `credit_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A `record.changed` payload for tests: an ACTIVE GENERAL taxation penalty unless overridden. */
export function recordFactsFixture(overrides: Partial<RecordFacts> = {}): RecordFacts {
  return {
    id: randomUUID(),
    subjectId: randomUUID(),
    kind: 'NEGATIVE',
    severity: 'GENERAL',
    domain: 'TAXATION',
    category: 'ADMINISTRATIVE_ACT',
    regionCode: '110105',
    decidedOn: '2026-01-10',
    publicityEndsOn: '2027-01-10',
    minimumPublicityEndsOn: '2026-04-10',
    status: 'ACTIVE',
    version: 1,
    ...overrides,
  };
}
