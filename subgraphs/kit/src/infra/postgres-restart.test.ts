import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseLocation } from '../testing.js';

/**
 * The database restarted under load (npm run chaos): every connection of a service dies while
 * statements and transactions are being written. postgres.js 3.4.9 then wrote to a socket it had
 * already dropped, from a timer, so the TypeError could not be caught and ended the process
 * (porsager/postgres#1154, #1208); under `npm start` one service ending stops them all.
 * scripts/patch-postgres.mjs (postinstall) guards the write; this runs the load in a process of its
 * own and checks that it survives the cuts.
 */
const LOAD = `
import postgres from 'postgres';
const sql = postgres(process.env.LOCATION, { max: 10, onnotice: () => {} });
for (let i = 0; i < 12; i++) {
  (async () => {
    for (;;) {
      try {
        if (i % 2) await sql.begin(async (tx) => { await tx\`select pg_advisory_xact_lock(42)\`; await tx\`select pg_sleep(0.02)\`; });
        else await sql\`select pg_sleep(0.05)\`;
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
}
process.send('running');
`;

describe.skipIf(!process.env.DATABASE_URL)('a service process on PostgreSQL when its connections are cut under load', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseLocation>>;
  let admin: postgres.Sql;
  let name: string;

  beforeAll(async () => {
    fresh = await freshDatabaseLocation();
    const url = new URL(fresh.location);
    name = url.pathname.slice(1);
    url.pathname = '/postgres';
    admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin.unsafe(`alter database ${name} allow_connections true`);
    await admin.end();
    await fresh.drop();
  });

  it('keeps running through three cuts', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOAD], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: { ...process.env, LOCATION: fresh.location },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await once(child, 'message');
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (let round = 0; round < 3; round++) {
        await admin.unsafe(`alter database ${name} allow_connections false`);
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        await new Promise((resolve) => setTimeout(resolve, 300));
        await admin.unsafe(`alter database ${name} allow_connections true`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(stderr).not.toContain('TypeError');
      expect(child.exitCode, stderr).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
