/** `npm run calendar:load`: one year into disputes.calendar_days, idempotently, or nothing at all. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHINESE_DAYS_SOURCE, chineseDaysYear } from './reference/chinese-days.js';

const cli = fileURLToPath(new URL('./cli/calendar-load.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'calendar-load-'));
let target: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  // The test's own PGlite would live in memory; the CLI, another process, needs a directory.
  target = fresh.location.startsWith('pglite:') ? `pglite:${join(dir, 'db')}` : fresh.location;
});
afterAll(async () => {
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

function load(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, DISPUTES_DATABASE_URL: target, NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, report: result.status === 0 ? JSON.parse(result.stdout) : null, stderr: result.stderr };
}

describe('npm run calendar:load', () => {
  const year2026 = chineseDaysYear(2026)!;

  it('loads a year chinese-days holds, and a second run changes nothing', () => {
    const first = load('--year', '2026');
    expect(first.status).toBe(0);
    expect(first.report).toMatchObject({ year: 2026, source: CHINESE_DAYS_SOURCE, inserted: year2026.length, unchanged: 0, differing: [], heldYears: [2026] });
    const again = load('--year', '2026');
    expect(again.status).toBe(0);
    expect(again.report).toMatchObject({ inserted: 0, unchanged: year2026.length, differing: [], removed: 0, heldYears: [2026] });
  });

  it('refuses a year chinese-days does not hold, naming what it holds and the --file way', () => {
    const missing = load('--year', '2027');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/holds 2004–2026, not 2027/);
    expect(missing.stderr).toMatch(/--file/);
  });

  it('loads a transcribed notice from a file, and writes nothing from an invalid one', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }, { date: '2027-01-04', kind: 'WORKDAY', name: '周一' }]));
    const refused = load('--year', '2027', '--file', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/nothing written.*Saturday or Sunday/);

    const file = join(dir, '2027.json');
    writeFileSync(file, JSON.stringify([{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }]));
    const loaded = load('--year', '2027', '--file', file, '--source', 'test transcription');
    expect(loaded.status).toBe(0);
    expect(loaded.report).toMatchObject({ year: 2027, source: 'test transcription', inserted: 1, heldYears: [2026, 2027] });
  });
});
