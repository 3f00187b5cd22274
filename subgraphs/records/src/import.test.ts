import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock, openDatabase, runMigrations, type Database } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, eventTables } from './db/schema.js';
import { importNdjson } from './import.js';
import { migrationsFolder } from './server.js';

const clock = new ManualClock(new Date('2026-11-21T10:00:00+08:00'));
let database: Database;
let location: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  location = fresh.location;
  drop = fresh.drop;
  database = await openDatabase({ name: 'records', location });
  await runMigrations(database, 'records', migrationsFolder);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

let documents = 0;
function line(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  documents++;
  return {
    subjectId: randomUUID(),
    kind: 'NEGATIVE',
    severity: 'SERIOUS',
    domain: 'FOOD_AND_DRUGS',
    category: 'ADMINISTRATIVE_ACT',
    regionCode: '330106',
    determiningAuthority: '杭州市西湖区市场监督管理局',
    documentNumber: `杭西市监罚〔2026〕${documents}号`,
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    decidedOn: '2026-09-01',
    summary: '经营不符合食品安全标准的食品',
    ...overrides,
  };
}
const ndjson = (lines: (Record<string, unknown> | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

async function stored() {
  const [recordRows] = await database.db.select({ n: count() }).from(creditRecords);
  const [eventRows] = await database.db.select({ n: count() }).from(eventTables.outbox);
  return { records: recordRows?.n, events: eventRows?.n };
}

describe('importNdjson', () => {
  it('commits the valid lines with their events and reports each rejected line', async () => {
    const before = await stored();
    const good = line();
    const { subjectId: _dropped, ...missingSubject } = line();
    const text = ndjson([
      good,
      '',
      '{"kind": "NEGATIVE",',
      '[1, 2]',
      line({ category: 'BANK_LOANS' }),
      { ...good, summary: '同一决定再次报送' },
      line({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR' }),
      line({ penaltyAmount: 5000 }),
      line({ documentNumber: 42 }),
      missingSubject,
      line({ decidedOn: '2026-02-30' }),
      '   ',
      line({ publicityEndsOn: '2026-09-30' }),
    ]);
    const report = await importNdjson(database.db, text, clock);
    expect(report.accepted).toBe(2);
    expect(report.rejected.map(({ line, reason, field }) => [line, reason, field])).toEqual([
      [3, 'INVALID_JSON', null],
      [4, 'INVALID_JSON', null],
      [5, 'NOT_IN_CATALOG', 'category'],
      [6, 'DUPLICATE', 'documentNumber'],
      [8, 'UNKNOWN_FIELD', 'penaltyAmount'],
      [9, 'INVALID_TYPE', 'documentNumber'],
      [10, 'REQUIRED', 'subjectId'],
      [11, 'INVALID_DATE', 'decidedOn'],
      [13, 'PUBLICITY_OUT_OF_RANGE', 'publicityEndsOn'],
    ]);
    expect(report.rejected.every((r) => r.message.length > 0)).toBe(true);
    expect(await stored()).toEqual({ records: before.records! + 2, events: before.events! + 4 });
  });

  it('rejects text that is not text (NUL, a control character, a lone surrogate) as INVALID_TEXT, and still commits the good lines', async () => {
    const before = await stored();
    const text = ndjson([line({ summary: '逃税\u0000' }), line({ legalBasis: '第六十三条\u0007' }), line({ documentNumber: '杭\uD800号' }), line({ summary: '\u202E经营 🧾 １２３' })]);
    const report = await importNdjson(database.db, text, clock);
    expect(report.rejected.map(({ line, reason, field }) => [line, reason, field])).toEqual([
      [1, 'INVALID_TEXT', 'summary'],
      [2, 'INVALID_TEXT', 'legalBasis'],
      [3, 'INVALID_TEXT', 'documentNumber'],
    ]);
    expect(await stored()).toEqual({ records: before.records! + 1, events: before.events! + 2 });
  });

  it('carries a decision’s penalty types into the record, its period and its record.changed event', async () => {
    // ORDER_36 SERIOUS: a warning alone 1 year; with a licence revoked 1 to 3 years, default 3.
    const warned = line({ penaltyTypes: ['WARNING'] });
    const revoked = line({ penaltyTypes: ['LICENCE_REVOCATION', 'WARNING', 'WARNING'] });
    const report = await importNdjson(
      database.db,
      ndjson([warned, revoked, line({ penaltyTypes: ['FINE', 'SPANKING'] }), line({ penaltyTypes: 'FINE' }), line({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', penaltyTypes: ['FINE'] })]),
      clock,
    );
    expect(report.accepted).toBe(2);
    expect(report.rejected.map(({ line, reason, field }) => [line, reason, field])).toEqual([
      [3, 'INVALID_VALUE', 'penaltyTypes'],
      [4, 'INVALID_TYPE', 'penaltyTypes'],
      [5, 'PENALTY_TYPES_FORBIDDEN', 'penaltyTypes'],
    ]);
    const rows = await database.db.select().from(creditRecords).where(sql`${creditRecords.documentNumber} in (${warned.documentNumber as string}, ${revoked.documentNumber as string})`);
    const byDocument = new Map(rows.map((r) => [r.documentNumber, r]));
    expect(byDocument.get(warned.documentNumber as string)).toMatchObject({ penaltyTypes: ['WARNING'], minimumPublicityEndsOn: '2027-09-01', publicityEndsOn: '2027-09-01' });
    expect(byDocument.get(revoked.documentNumber as string)).toMatchObject({
      penaltyTypes: ['WARNING', 'LICENCE_REVOCATION'],
      minimumPublicityEndsOn: '2027-09-01',
      publicityEndsOn: '2029-09-01',
    });
    const events = await database.db.select().from(eventTables.outbox).where(sql`${eventTables.outbox.payload}->>'id' = ${byDocument.get(revoked.documentNumber as string)!.id}`);
    expect(events.map((e) => (e.payload as { penaltyTypes?: string[] }).penaltyTypes)).toEqual([['WARNING', 'LICENCE_REVOCATION'], ['WARNING', 'LICENCE_REVOCATION']]);
  });

  it('rejects a line that repeats a stored record as DUPLICATE and writes nothing for it', async () => {
    const record = line();
    expect(await importNdjson(database.db, ndjson([record]), clock)).toEqual({ accepted: 1, rejected: [] });
    const before = await stored();
    const report = await importNdjson(database.db, ndjson([line(), { ...record, determiningAuthority: ` ${record.determiningAuthority as string}` }]), clock);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toMatchObject([{ line: 2, reason: 'DUPLICATE', field: 'documentNumber' }]);
    expect(await stored()).toEqual({ records: before.records! + 1, events: before.events! + 2 });
  });

  it('sends a bounded number of statements, not one per line', async () => {
    const statementsFor = async (lines: number) => {
      const before = database.counter.statements;
      const report = await importNdjson(database.db, ndjson(Array.from({ length: lines }, () => line())), clock);
      expect(report).toEqual({ accepted: lines, rejected: [] });
      return database.counter.statements - before;
    };
    const few = await statementsFor(10);
    const many = await statementsFor(900);
    // One records insert and one outbox insert (two events per record) whatever the count, then
    // the feed lock and one feed insert per 1000 started publications.
    expect(few).toBe(4);
    expect(many).toBe(4);
  });

  it('writes nothing when the transaction fails part way', async () => {
    const before = await stored();
    // With the outbox gone, the events fail after the records (1500: two chunks) went in.
    await database.db.execute(sql`alter table records.outbox rename to outbox_away`);
    try {
      await expect(importNdjson(database.db, ndjson(Array.from({ length: 1500 }, () => line())), clock)).rejects.toThrow();
    } finally {
      await database.db.execute(sql`alter table records.outbox_away rename to outbox`);
    }
    expect(await stored()).toEqual(before);
  });
});

describe('npm run import', () => {
  const cli = fileURLToPath(new URL('./cli/import.ts', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'records-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(file: string, databaseLocation: string) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, file], {
      env: { ...process.env, RECORDS_DATABASE_URL: databaseLocation, CREDIT_CLOCK: '2026-11-21T10:00:00+08:00', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('exits 3 with a JSON report when some lines are rejected, 0 when all are accepted, 1 when it cannot run', async () => {
    // The test's own PGlite lives in memory; the CLI, another process, needs a directory of its own.
    const target = location.startsWith('pglite:') ? `pglite:${join(dir, 'db')}` : location;
    const mixed = join(dir, 'mixed.ndjson');
    writeFileSync(mixed, ndjson([line(), line({ regionCode: '000000' })]));
    const partly = run(mixed, target);
    expect(partly.status).toBe(3);
    expect(JSON.parse(partly.stdout)).toEqual({
      accepted: 1,
      rejected: [{ line: 2, reason: 'UNKNOWN_REGION', field: 'regionCode', message: expect.any(String) }],
    });
    const clean = join(dir, 'clean.ndjson');
    writeFileSync(clean, ndjson([line()]));
    expect(run(clean, target).status).toBe(0);
    const missing = run(join(dir, 'missing.ndjson'), target);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nothing written');
  });
});
