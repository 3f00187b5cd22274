import { DEMO_DATASET, ManualClock, syntheticDataset, type DatasetOptions, type RunningSubgraph, type SyntheticObjection } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objections, outbox, recordFacts, repairApplications } from './db/schema.js';
import { SEED_CREDIT_PLEDGE, seed } from './seed.js';
import { startDisputes } from './server.js';

let disputes: RunningSubgraph;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  // seedDemo is left on: an empty database gets the demo set at start, anchored on the clock's
  // date, which is DEMO_DATASET's own.
  const clock = new ManualClock(new Date(`${DEMO_DATASET.recent!.until}T10:00:00+08:00`));
  disputes = await startDisputes({ location: db.location, relay: false, destinations: () => ({}), clock });
});
afterAll(async () => {
  await disputes?.close();
  await drop?.();
});

function expected(options: DatasetOptions) {
  const totals = { objections: 0, repairs: 0, first: undefined as SyntheticObjection | undefined };
  for (const slice of syntheticDataset(options)) {
    totals.first ??= slice.objections[0];
    totals.objections += slice.objections.length;
    totals.repairs += slice.repairs.length;
  }
  return totals;
}

async function counts() {
  const db = disputes.database.db;
  const [[o], [r], [e], [f]] = await Promise.all([
    db.select({ n: count() }).from(objections),
    db.select({ n: count() }).from(repairApplications),
    db.select({ n: count() }).from(outbox).where(eq(outbox.type, 'objection.filed')),
    db.select({ n: count() }).from(recordFacts),
  ]);
  return { objections: o!.n, repairs: r!.n, events: e!.n, facts: f!.n };
}

describe('seed', () => {
  it('fills an empty database with the demo set at start, without the record facts (they come as events)', async () => {
    const demo = expected(DEMO_DATASET);
    expect(demo.objections).toBeGreaterThan(0);
    expect(await counts()).toEqual({ objections: demo.objections, repairs: demo.repairs, events: demo.objections, facts: 0 });
  });

  it('writes a large data set in chunked statements, one objection.filed event per objection', async () => {
    // More records per person give more than one chunk of objections from fewer persons.
    const options = { persons: 5000, seed: 7, recordsPerPerson: 10 };
    const want = expected(options);
    expect(want.objections).toBeGreaterThan(2000);
    const before = await counts();
    const statementsBefore = disputes.database.counter.statements;
    await seed(disputes.database.db, options);
    const statements = disputes.database.counter.statements - statementsBefore;
    expect(await counts()).toEqual({
      objections: before.objections + want.objections,
      repairs: before.repairs + want.repairs,
      events: before.events + want.objections,
      facts: 0,
    });
    // Per-row statements would be in the thousands here.
    expect(statements).toBeLessThanOrEqual(3 * Math.ceil(want.objections / 2000) + 3);

    const first = want.first!;
    const [row] = await disputes.database.db.select().from(objections).where(eq(objections.id, first.id));
    expect(row).toMatchObject({ recordId: first.recordId, subjectId: first.subjectId, status: 'SUBMITTED', filedBy: 'SUBJECT', filedOn: first.filedOn });
    const events = await disputes.database.db.select().from(outbox).where(eq(outbox.type, 'objection.filed'));
    expect(events.find((e) => (e.payload as { objectionId: string }).objectionId === first.id)).toMatchObject({
      destination: 'records',
      payload: { objectionId: first.id, recordId: first.recordId },
    });
    const [repair] = await disputes.database.db.select().from(repairApplications).limit(1);
    expect(repair).toMatchObject({ status: 'SUBMITTED', creditPledge: SEED_CREDIT_PLEDGE, evidence: [expect.any(String)] });
  });
});
