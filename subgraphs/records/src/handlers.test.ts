import { randomUUID } from 'node:crypto';
import { applyEvents, EVENT, type RecordFacts, type RunningSubgraph } from '@credit/kit';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, eventTables, recordChanges } from './db/schema.js';
import { handlers } from './handlers.js';
import {
  AUDITOR, caller, deliver, objectionDecided, recordInput, repairApproved, startTestRecords, submitRecord, submitterOf, type SubmittedRecord,
} from './testing.js';

const TODAY = '2026-11-21T10:00:00+08:00';
let records: RunningSubgraph;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ records, close } = await startTestRecords(TODAY));
});
afterAll(() => close?.());

const rowOf = async (id: string) => (await records.database.db.select().from(creditRecords).where(eq(creditRecords.id, id)))[0]!;

/** The record.changed payloads told to each subscriber about `id`, oldest first. */
async function toldAbout(id: string) {
  const rows = await records.database.db
    .select()
    .from(eventTables.outbox)
    .where(sql`${eventTables.outbox.payload}->>'id' = ${id}`)
    .orderBy(asc(eventTables.outbox.id));
  return {
    disputes: rows.filter((r) => r.destination === 'disputes').map((r) => r.payload as RecordFacts),
    incentives: rows.filter((r) => r.destination === 'incentives').map((r) => r.payload as RecordFacts),
  };
}

const feedOf = (id: string) =>
  records.database.db
    .select({ change: recordChanges.change, reason: recordChanges.reason, effectiveOn: recordChanges.effectiveOn })
    .from(recordChanges)
    .where(eq(recordChanges.recordId, id))
    .orderBy(asc(recordChanges.sequence));

async function totals() {
  const db = records.database.db;
  const [recordRows] = await db.select({ n: count() }).from(creditRecords);
  const [events] = await db.select({ n: count() }).from(eventTables.outbox);
  const [feed] = await db.select({ n: count() }).from(recordChanges);
  const [versions] = await db.select({ n: sql<number>`sum(${creditRecords.version})::int` }).from(creditRecords);
  return { records: recordRows?.n, events: events?.n, feed: feed?.n, versions: versions?.n };
}

const STARTED = { change: 'PUBLICATION_STARTED', reason: null };

describe('objection.decided', () => {
  it('UPHELD without a correction revokes the record: version 2, record.changed to both, publication ended', async () => {
    const record = await submitRecord(records);
    const decision = objectionDecided(record.id, '2026-11-20');
    expect(await deliver(records, [decision])).toBe(1);
    expect(await rowOf(record.id)).toMatchObject({
      status: 'REVOKED',
      revokedOn: '2026-11-20',
      closingObjectionId: decision.payload.objectionId,
      correctedById: null,
      underObjection: false,
      version: 2,
    });
    const told = await toldAbout(record.id);
    expect(told.disputes.map((f) => [f.status, f.version])).toEqual([['ACTIVE', 1], ['REVOKED', 2]]);
    expect(told.incentives).toEqual(told.disputes);
    expect(await feedOf(record.id)).toEqual([
      { ...STARTED, effectiveOn: '2026-05-10' },
      { change: 'PUBLICATION_ENDED', reason: 'REVOKED', effectiveOn: '2026-11-20' },
    ]);
  });

  it('UPHELD with a correction revokes the original in favour of a corrected copy, with its history', async () => {
    // ORDER_36 SERIOUS, decided 2026-05-10, ending by default 2029-05-10; corrected to GENERAL (3 to 12 months).
    const original = await submitRecord(records, { severity: 'SERIOUS' });
    const decision = objectionDecided(original.id, '2026-11-20', { correction: { severity: 'GENERAL', summary: '少缴税款' } });
    expect(await deliver(records, [decision])).toBe(1);

    const revoked = await rowOf(original.id);
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedOn: '2026-11-20', closingObjectionId: decision.payload.objectionId, version: 2 });
    const copyId = revoked.correctedById!;
    expect(copyId).toBeTruthy();
    const copy = await rowOf(copyId);
    expect(copy).toMatchObject({
      status: 'ACTIVE',
      version: 1,
      correctsId: original.id,
      severity: 'GENERAL',
      summary: '少缴税款',
      legalBasis: revoked.legalBasis,
      subjectId: revoked.subjectId,
      determiningAuthority: revoked.determiningAuthority,
      documentNumber: revoked.documentNumber,
      decidedOn: '2026-05-10',
      publicityEndsOn: '2027-05-10',
      minimumPublicityEndsOn: '2026-08-10',
      publicityRegime: 'ORDER_36',
    });

    expect((await toldAbout(original.id)).disputes.map((f) => [f.status, f.version])).toEqual([['ACTIVE', 1], ['REVOKED', 2]]);
    expect((await toldAbout(copyId)).incentives).toMatchObject([{ status: 'ACTIVE', version: 1, severity: 'GENERAL', publicityEndsOn: '2027-05-10' }]);
    expect(await feedOf(original.id)).toEqual([
      { ...STARTED, effectiveOn: '2026-05-10' },
      { change: 'PUBLICATION_ENDED', reason: 'CORRECTED', effectiveOn: '2026-11-20' },
    ]);
    expect(await feedOf(copyId)).toEqual([{ ...STARTED, effectiveOn: '2026-11-20' }]);

    const HISTORY = `query($id: ID!) { creditRecord(id: $id) { id severity status revokedOn correctedBy { id } corrects { id status correctedBy { id } } } }`;
    const asAuditor = await records.execute(HISTORY, { id: copyId }, AUDITOR);
    expect(asAuditor.data?.creditRecord).toEqual({
      id: copyId,
      severity: 'GENERAL',
      status: 'ACTIVE',
      revokedOn: null,
      correctedBy: null,
      corrects: { id: original.id, status: 'REVOKED', correctedBy: { id: copyId } },
    });
    // The original is archived: others see the copy without its history.
    const asOffice = await records.execute(HISTORY, { id: copyId }, caller('CREDIT_OFFICE', 'OBJECTION_REVIEW'));
    expect(asOffice.data?.creditRecord).toMatchObject({ id: copyId, corrects: null });
    const page = await records.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { creditRecords { edges { node { id } } } } } }`,
      { r: [{ __typename: 'Person', id: copy.subjectId }] },
    );
    expect(page.data?._entities).toEqual([{ creditRecords: { edges: [{ node: { id: copyId } }] } }]);
  });

  it('keeps document numbers unique among current versions: the copy holds the key, the original no longer does', async () => {
    const input = recordInput();
    const original = await submitRecord(records, input);
    await deliver(records, [objectionDecided(original.id, '2026-11-20', { correction: { legalBasis: '《税收征收管理法》第六十四条' } })]);
    const again = await records.execute(`mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`, { input }, submitterOf(input));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'documentNumber' });
  });

  it('a copy not published on the decision date (corrected to MINOR) never starts', async () => {
    const original = await submitRecord(records, { decidedOn: '2024-01-31' });
    await deliver(records, [objectionDecided(original.id, '2026-11-20', { correction: { severity: 'MINOR' } })]);
    const copyId = (await rowOf(original.id)).correctedById!;
    expect(await rowOf(copyId)).toMatchObject({ severity: 'MINOR', publicityEndsOn: '2024-01-31', status: 'ACTIVE' });
    expect(await feedOf(copyId)).toEqual([]);
    expect((await feedOf(original.id)).at(-1)).toEqual({ change: 'PUBLICATION_ENDED', reason: 'CORRECTED', effectiveOn: '2026-11-20' });
  });

  it('REJECTED and WITHDRAWN clear the flag only: no new version, no event, no feed entry', async () => {
    for (const outcome of ['REJECTED', 'WITHDRAWN'] as const) {
      const record = await submitRecord(records);
      await records.database.db.update(creditRecords).set({ underObjection: true }).where(eq(creditRecords.id, record.id));
      const before = await totals();
      expect(await deliver(records, [objectionDecided(record.id, '2026-11-20', { outcome })])).toBe(1);
      expect(await rowOf(record.id)).toMatchObject({ status: 'ACTIVE', underObjection: false, version: 1, revokedOn: null });
      expect(await totals()).toEqual(before);
    }
  });
});

describe('repair.approved', () => {
  it('ends publication of an ACTIVE record: REPAIRED with the repair, version 2, record.changed to both', async () => {
    const record = await submitRecord(records, { severity: 'SERIOUS' });
    const approval = repairApproved(record.id, '2026-11-20');
    expect(await deliver(records, [approval])).toBe(1);
    expect(await rowOf(record.id)).toMatchObject({ status: 'REPAIRED', repairedOn: '2026-11-20', repairId: approval.payload.repairId, version: 2 });
    const told = await toldAbout(record.id);
    expect(told.disputes.at(-1)).toMatchObject({ status: 'REPAIRED', version: 2 });
    expect(told.incentives).toEqual(told.disputes);
    expect((await feedOf(record.id)).at(-1)).toEqual({ change: 'PUBLICATION_ENDED', reason: 'REPAIRED', effectiveOn: '2026-11-20' });
    const archived = await records.execute(`query($id: ID!) { creditRecord(id: $id) { status repairedOn repair { id } } }`, { id: record.id }, AUDITOR);
    expect(archived.data?.creditRecord).toEqual({ status: 'REPAIRED', repairedOn: '2026-11-20', repair: { id: approval.payload.repairId } });
  });

  it('repairs a record already expired by date, whose publication ended by expiry', async () => {
    const record = await submitRecord(records, { publicityEndsOn: '2026-11-22' });
    await deliver(records, [repairApproved(record.id, '2026-11-25')]);
    expect(await rowOf(record.id)).toMatchObject({ status: 'REPAIRED', repairedOn: '2026-11-25', version: 2 });
    expect(await feedOf(record.id)).toEqual([
      { ...STARTED, effectiveOn: '2026-05-10' },
      { change: 'PUBLICATION_ENDED', reason: 'EXPIRED', effectiveOn: '2026-11-22' },
    ]);
  });
});

describe('idempotence and order', () => {
  let record: SubmittedRecord;
  let corrected: SubmittedRecord;

  beforeAll(async () => {
    record = await submitRecord(records);
    corrected = await submitRecord(records);
  });

  it('a redelivered batch and the same decisions under new event ids change nothing', async () => {
    const batch = [repairApproved(record.id, '2026-11-20'), objectionDecided(corrected.id, '2026-11-20', { correction: { severity: 'SERIOUS' } })];
    const events = batch.map((e, i) => ({ id: 7_000 + i, ...e }));
    const redeliver = () => applyEvents(records.database.db, eventTables, handlers, { source: 'disputes', events });
    expect(await redeliver()).toBe(2);
    const after = await totals();
    expect(await redeliver()).toBe(0);
    expect(await deliver(records, batch)).toBe(2);
    expect(await totals()).toEqual(after);
    expect(await rowOf(record.id)).toMatchObject({ status: 'REPAIRED', version: 2 });
    expect(await rowOf(corrected.id)).toMatchObject({ status: 'REVOKED', version: 2 });
  });

  it('an event for a record that has moved on changes nothing but the objection flag', async () => {
    const revoked = await submitRecord(records);
    const repaired = await submitRecord(records);
    await deliver(records, [objectionDecided(revoked.id, '2026-11-01'), repairApproved(repaired.id, '2026-11-01')]);
    await records.database.db.update(creditRecords).set({ underObjection: true }).where(eq(creditRecords.id, repaired.id));
    const before = await totals();
    expect(
      await deliver(records, [
        repairApproved(revoked.id, '2026-11-02'),
        objectionDecided(repaired.id, '2026-11-02'),
        objectionDecided(repaired.id, '2026-11-02', { correction: { severity: 'MINOR' } }),
        objectionDecided(randomUUID(), '2026-11-02'),
        { type: EVENT.repairApproved, payload: { repairId: randomUUID(), recordId: 'not-a-uuid', decidedOn: '2026-11-02' } },
      ]),
    ).toBe(5);
    expect(await totals()).toEqual(before);
    expect(await rowOf(revoked.id)).toMatchObject({ status: 'REVOKED', repairId: null, repairedOn: null, version: 2 });
    expect(await rowOf(repaired.id)).toMatchObject({ status: 'REPAIRED', revokedOn: null, correctedById: null, underObjection: false, version: 2 });
  });

  it('two decisions on one record in one batch: the first wins', async () => {
    const target = await submitRecord(records);
    await deliver(records, [
      objectionDecided(target.id, '2026-11-03', { correction: { severity: 'SERIOUS' } }),
      repairApproved(target.id, '2026-11-03'),
      objectionDecided(target.id, '2026-11-03'),
    ]);
    const row = await rowOf(target.id);
    expect(row).toMatchObject({ status: 'REVOKED', repairId: null, version: 2 });
    expect(await rowOf(row.correctedById!)).toMatchObject({ status: 'ACTIVE', severity: 'SERIOUS', version: 1 });
    expect((await feedOf(target.id)).filter((c) => c.change === 'PUBLICATION_ENDED')).toEqual([
      { change: 'PUBLICATION_ENDED', reason: 'CORRECTED', effectiveOn: '2026-11-03' },
    ]);
  });

  it('skips a payload without a valid date and drops a malformed link, rather than failing the batch for ever', async () => {
    const undated = await submitRecord(records);
    const badLink = await submitRecord(records);
    expect(
      await deliver(records, [
        { type: EVENT.repairApproved, payload: { repairId: randomUUID(), recordId: undated.id, decidedOn: '2026-13-01' } },
        { type: EVENT.repairApproved, payload: { repairId: 'repair-1', recordId: badLink.id, decidedOn: '2026-11-20' } },
      ]),
    ).toBe(2);
    expect(await rowOf(undated.id)).toMatchObject({ status: 'ACTIVE', version: 1 });
    expect(await rowOf(badLink.id)).toMatchObject({ status: 'REPAIRED', repairId: null, repairedOn: '2026-11-20', version: 2 });
  });

  it('never ends a publication that never started (a MINOR record is not published)', async () => {
    const minor = await submitRecord(records, { severity: 'MINOR' });
    await deliver(records, [objectionDecided(minor.id, '2026-11-20')]);
    expect(await rowOf(minor.id)).toMatchObject({ status: 'REVOKED', version: 2 });
    expect(await feedOf(minor.id)).toEqual([]);
  });
});
