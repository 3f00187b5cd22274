import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

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
