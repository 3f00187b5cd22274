import { randomBytes } from 'node:crypto';
import { ManualClock, openDatabase, type Database } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashOperation } from './chain.js';
import { openAuditDatabase } from './database.js';
import { AuditWriteError, createAuditLog, type AuditEntryInput, type AuditLog } from './log.js';
import { auditLog } from './tables.js';
import { verifyAuditChain } from './verify.js';

let database: Database;
let drop: () => Promise<void>;
let location: string;
let log: AuditLog;
const clock = new ManualClock(new Date('2026-11-21T10:00:00.123+08:00'));

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  location = fresh.location;
  database = await openAuditDatabase(fresh.location);
  log = createAuditLog(database.db, { clock });
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});
beforeEach(async () => {
  await database.db.execute(sql`delete from gateway.audit_log`);
});

const exec = (statement: string) => database.db.execute(sql.raw(statement));

function entry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    principal: { sub: 'officer-7', role: 'OFFICER', department: 'market-regulation' },
    purpose: 'ADMINISTRATIVE_LICENSING',
    grantId: null,
    operationName: 'UnifiedView',
    operationHash: hashOperation('query UnifiedView { person(id: "p") { name } }'),
    fields: { PERSONAL: { ALLOW: ['Person.name'] } },
    personIds: ['p-1'],
    outcome: 'ANSWERED',
    ...overrides,
  };
}

async function appendMany(count: number) {
  for (let i = 0; i < count; i++) await log.append(entry({ personIds: [`p-${i}`] }));
}

describe('query log', () => {
  it('stores an entry with the clock instant, sorted unique person ids and normalized fields, first link from the genesis hash', async () => {
    await log.append(
      entry({
        personIds: ['p-2', 'p-1', 'p-2'],
        fields: { SENSITIVE: { MASK: ['Person.citizenIdNumber'], DENY: [] }, PERSONAL: { ALLOW: ['Person.name', 'Person.gender', 'Person.name'] } },
      }),
    );
    const [row] = await database.db.select().from(auditLog);
    expect(row).toMatchObject({
      seq: 1,
      principalSub: 'officer-7',
      role: 'OFFICER',
      department: 'market-regulation',
      purpose: 'ADMINISTRATIVE_LICENSING',
      grantId: null,
      personIds: ['p-1', 'p-2'],
      fields: { PERSONAL: { ALLOW: ['Person.gender', 'Person.name'] }, SENSITIVE: { MASK: ['Person.citizenIdNumber'] } },
      outcome: 'ANSWERED',
      prevHash: GENESIS_HASH,
    });
    expect(row?.at.toISOString()).toBe('2026-11-21T02:00:00.123Z');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 1, head: { seq: 1, hash: row?.hash } });
  });

  it('verifies an empty log and a chain longer than one page', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 0, head: null });
    await appendMany(7);
    expect(await verifyAuditChain(database.db, { pageSize: 3 })).toMatchObject({ ok: true, entries: 7, head: { seq: 7 } });
  });

  it.each([
    ['purpose', `update gateway.audit_log set purpose = 'AUDIT' where seq = 3`],
    ['person ids', `update gateway.audit_log set person_ids = '{}' where seq = 3`],
    ['fields', `update gateway.audit_log set fields = '{}' where seq = 3`],
    ['time', `update gateway.audit_log set "at" = "at" + interval '1 millisecond' where seq = 3`],
    ['principal', `update gateway.audit_log set principal_sub = 'someone-else' where seq = 3`],
    ['hash', `update gateway.audit_log set hash = repeat('a', 64) where seq = 3`],
  ])('names the edited entry when its %s is changed', async (_column, edit) => {
    await appendMany(5);
    await exec(edit);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, brokenAt: 3, reason: 'HASH_MISMATCH' });
  });

  it('re-hashing an edited entry breaks the link of the next one', async () => {
    await appendMany(5);
    const [row] = await database.db.select().from(auditLog).where(sql`seq = 3`);
    const { entryHash } = await import('./chain.js');
    const forged = { ...row!, purpose: 'AUDIT' };
    await database.db.execute(
      sql`update gateway.audit_log set purpose = 'AUDIT', hash = ${entryHash(forged.prevHash, forged)} where seq = 3`,
    );
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, brokenAt: 4, reason: 'BROKEN_LINK' });
  });

  it('deleting a middle entry is a GAP at the next seq, deleting the first a GAP at the second', async () => {
    await appendMany(5);
    await exec('delete from gateway.audit_log where seq = 3');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, brokenAt: 4, reason: 'GAP' });
    await exec('delete from gateway.audit_log');
    await appendMany(3);
    await exec('delete from gateway.audit_log where seq = 1');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, brokenAt: 2, reason: 'GAP' });
  });

  it('deleting the newest entries is only visible against an anchor taken earlier', async () => {
    await appendMany(5);
    const before = await verifyAuditChain(database.db);
    if (!before.ok || !before.head) throw new Error('expected a valid chain');
    await exec('delete from gateway.audit_log where seq >= 4');
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 3 });
    expect(await verifyAuditChain(database.db, { anchor: before.head })).toEqual({ ok: false, brokenAt: 4, reason: 'TRUNCATED' });
    expect(await verifyAuditChain(database.db, { anchor: { seq: 2, hash: 'f'.repeat(64) } })).toEqual({
      ok: false,
      brokenAt: 2,
      reason: 'ANCHOR_MISMATCH',
    });
  });

  it('keeps one chain under 50 concurrent appends', async () => {
    const appended = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry({ personIds: [`p-${i}`] }))));
    expect(appended.map((a) => a.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 50 });
  });

  it('group-commits concurrent appends: 50 entries in far fewer statements than 50 transactions', async () => {
    const before = database.counter.statements;
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry({ personIds: [`p-${i}`] }))));
    // One append alone costs 3 statements (lock, head, insert); 50 one by one would be 150.
    expect(database.counter.statements - before).toBeLessThanOrEqual(6);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 50 });
  });

  it('throws when the table cannot be written, and the chain continues once it can', async () => {
    await appendMany(2);
    await exec('alter table gateway.audit_log rename to audit_log_moved');
    try {
      await expect(log.append(entry())).rejects.toMatchObject({ name: 'AuditWriteError', code: '42P01' });
    } finally {
      await exec('alter table gateway.audit_log_moved rename to audit_log');
    }
    await log.append(entry());
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 3 });
  });

  it.runIf(process.env.DATABASE_URL)('throws for a role whose insert right was revoked (PostgreSQL)', async () => {
    const role = `audit_reader_${randomBytes(4).toString('hex')}`;
    await exec(`create role ${role} login`);
    const restrictedUrl = new URL(location);
    restrictedUrl.username = role;
    let restricted: Database | undefined;
    try {
      await exec(`grant usage on schema gateway to ${role}`);
      await exec(`grant select, insert on gateway.audit_log to ${role}`);
      await exec(`revoke insert on gateway.audit_log from ${role}`);
      restricted = await openDatabase({ name: 'gateway', location: restrictedUrl.toString() });
      const failure = await createAuditLog(restricted.db, { clock }).append(entry()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AuditWriteError);
      expect(failure).toMatchObject({ code: '42501' });
      // Only the SQLSTATE: no parameter of the entry (person ids, principal) in what may get logged.
      expect(String((failure as Error).message)).not.toMatch(/officer-7|p-1/);
      expect(await verifyAuditChain(restricted.db)).toEqual({ ok: true, entries: 0, head: null });
    } finally {
      await restricted?.close();
      await exec(`drop owned by ${role}`);
      await exec(`drop role ${role}`);
    }
  });
});
