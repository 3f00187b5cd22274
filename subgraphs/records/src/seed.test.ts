import { ManualClock, openDatabase, runMigrations, syntheticDataset, type Database } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { and, count, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, eventTables, recordChanges } from './db/schema.js';
import { publicityBounds } from './publicity.js';
import { seed } from './seed.js';
import { migrationsFolder } from './server.js';

const DATASET = { persons: 400, seed: 11 };
const TODAY = '2026-11-21';
let database: Database;
let drop: () => Promise<void>;
let statements: number;

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  database = await openDatabase({ name: 'records', location: fresh.location });
  await runMigrations(database, 'records', migrationsFolder);
  const before = database.counter.statements;
  await seed(database.db, DATASET, new ManualClock(new Date(`${TODAY}T10:00:00+08:00`)));
  statements = database.counter.statements - before;
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe('seed', () => {
  const slices = [...syntheticDataset(DATASET)];
  const synthetic = slices.flatMap((s) => s.records);

  it('writes every synthetic record with a record.changed event per subscriber, in multi-row statements', async () => {
    const [records] = await database.db.select({ n: count() }).from(creditRecords);
    const [events] = await database.db.select({ n: count() }).from(eventTables.outbox);
    expect(records?.n).toBe(synthetic.length);
    expect(events?.n).toBe(2 * synthetic.length);
    expect(synthetic.length).toBeGreaterThan(1000);
    expect(statements).toBeLessThanOrEqual(4 * Math.ceil(synthetic.length / 1000));
  });

  it('gives each record its default publicity end and flags the ones the data set objects to', async () => {
    const objected = new Set(slices.flatMap((s) => s.objections.map((o) => o.recordId)));
    expect(objected.size).toBeGreaterThan(0);
    const flagged = await database.db.select({ id: creditRecords.id }).from(creditRecords).where(eq(creditRecords.underObjection, true));
    expect(new Set(flagged.map((r) => r.id))).toEqual(objected);
    const sample = synthetic.filter((_, i) => i % 97 === 0);
    for (const record of sample) {
      const [row] = await database.db.select().from(creditRecords).where(eq(creditRecords.id, record.id));
      const bounds = publicityBounds(record);
      expect(row).toMatchObject({ publicityEndsOn: bounds.defaultEndsOn, minimumPublicityEndsOn: bounds.minimumEndsOn, publicityRegime: bounds.regime });
    }
  });

  it('starts in the change feed the publication of every record published on the clock\'s date, and only those', async () => {
    const published = await database.db
      .select({ id: creditRecords.id })
      .from(creditRecords)
      .where(and(eq(creditRecords.status, 'ACTIVE'), gt(creditRecords.publicityEndsOn, TODAY)));
    const feed = await database.db.select({ recordId: recordChanges.recordId, change: recordChanges.change }).from(recordChanges);
    expect(published.length).toBeGreaterThan(0);
    expect(new Set(feed.map((c) => c.recordId))).toEqual(new Set(published.map((r) => r.id)));
    expect(feed.every((c) => c.change === 'PUBLICATION_STARTED')).toBe(true);
    expect(feed).toHaveLength(published.length);
  });
});
