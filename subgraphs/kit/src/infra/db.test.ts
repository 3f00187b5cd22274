/**
 * An embedded database in a directory (`npm start`'s) starts with small shared buffers
 * (PGLITE_SHARED_BUFFERS): PGlite zeroes them at every start, and initdb's 128MB cost each
 * department about 0.7 s of CPU.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, PGLITE_SHARED_BUFFERS, selectRows, type Database } from './db.js';

let database: Database | undefined;
let dir: string | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete process.env.CREDIT_PGLITE_SHARED_BUFFERS;
});
const location = () => `pglite:${(dir = mkdtempSync(join(tmpdir(), 'credit-db-settings-')))}/settings`;

const sharedBuffers = async (db: Database) => (await selectRows<{ shared_buffers: string }>(db.db, sql.raw('show shared_buffers')))[0]?.shared_buffers;

describe('embedded database settings', () => {
  it('starts with PGLITE_SHARED_BUFFERS of shared buffers', async () => {
    database = await openDatabase({ name: 'settings', location: location() });
    expect(PGLITE_SHARED_BUFFERS).toBe('16MB');
    expect(await sharedBuffers(database)).toBe('16MB');
  });

  it('takes another size from CREDIT_PGLITE_SHARED_BUFFERS', async () => {
    process.env.CREDIT_PGLITE_SHARED_BUFFERS = '32MB';
    database = await openDatabase({ name: 'settings', location: location() });
    expect(await sharedBuffers(database)).toBe('32MB');
  });
});
