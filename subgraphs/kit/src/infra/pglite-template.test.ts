import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePgliteTemplate, pgliteTemplateFile, templateDirectoryOf, templateForNewDatabase } from './pglite-template.js';

const scratch = mkdtempSync(join(tmpdir(), 'pglite-template-'));
const file = join(scratch, 'template.tar.gz');

beforeAll(async () => {
  // The installed template when there is one (npm ci makes it), else a fresh one (initdb, ~9 s).
  const installed = pgliteTemplateFile({});
  if (installed && existsSync(installed)) copyFileSync(installed, file);
  else expect(await ensurePgliteTemplate(file)).toBe(true);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the initialised-cluster template of new embedded databases', () => {
  it('lives next to the installed PGlite, under its version, where the postinstall script puts it', () => {
    const path = pgliteTemplateFile({});
    expect(path).toMatch(/node_modules\/\.cache\/credit-graph\/pglite-\d+\.\d+\.\d+-initdb\.tar\.gz$/);
    const script = fileURLToPath(new URL('../../../../scripts/pglite-template.mjs', import.meta.url));
    expect(execFileSync(process.execPath, [script, '--print-path'], { env: {}, encoding: 'utf8' }).trim()).toBe(path);
    expect(pgliteTemplateFile({ CREDIT_PGLITE_TEMPLATE: 'off' })).toBeUndefined();
    expect(pgliteTemplateFile({ CREDIT_PGLITE_TEMPLATE: file })).toBe(file);
  });

  it('gives each database its own empty cluster, in memory or in a directory that keeps it', async () => {
    const { bytes } = await templateForNewDatabase(file);
    expect(bytes?.length).toBeGreaterThan(1_000_000);
    const dir = join(scratch, 'db');
    const a = new PGlite(dir, { loadDataDir: new Blob([bytes!]) });
    const b = new PGlite({ loadDataDir: new Blob([bytes!]) });
    await a.exec('create schema records; create table records.t (n int); insert into records.t values (1)');
    expect((await b.query(`select count(*)::int as n from pg_namespace where nspname = 'records'`)).rows).toEqual([{ n: 0 }]);
    await Promise.all([a.close(), b.close()]);
    const reopened = new PGlite(dir);
    expect((await reopened.query('select n from records.t')).rows).toEqual([{ n: 1 }]);
    await reopened.close();
  });

  it('copies its unpacked directory into a new directory database', async () => {
    const copy = join(scratch, 'copied.tar.gz');
    copyFileSync(file, copy);
    expect(await ensurePgliteTemplate(copy)).toBe(true);
    expect(existsSync(join(templateDirectoryOf(copy), 'PG_VERSION'))).toBe(true);
    const dir = join(scratch, 'copied-db');
    const start = await templateForNewDatabase(copy, dir);
    expect(start.copied).toBe(true);
    const db = new PGlite(dir);
    await db.exec('create table t (n int); insert into t values (2)');
    expect((await db.query('select n from t')).rows).toEqual([{ n: 2 }]);
    await db.close();
    // The template itself is untouched: the next copy starts empty.
    const next = join(scratch, 'copied-db-2');
    await templateForNewDatabase(copy, next);
    const again = new PGlite(next);
    expect((await again.query(`select count(*)::int as n from pg_tables where tablename = 't'`)).rows).toEqual([{ n: 0 }]);
    await again.close();
  }, 120_000);

  it('is made by one process while the others starting beside it wait for it', async () => {
    const other = join(scratch, 'other.tar.gz');
    const first = await templateForNewDatabase(other);
    expect(first.claimed).toBe(true);
    const second = templateForNewDatabase(other);
    const fresh = new PGlite({ loadDataDir: new Blob([(await templateForNewDatabase(file)).bytes!]) });
    await fresh.waitReady;
    await first.release(fresh);
    await fresh.close();
    const waited = await second;
    expect(waited.claimed).toBeUndefined();
    expect(waited.bytes?.length).toBeGreaterThan(1_000_000);
    expect(existsSync(`${other}.lock`)).toBe(false);
  }, 120_000);
});
